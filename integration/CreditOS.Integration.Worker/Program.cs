using Microsoft.Extensions.Hosting;

namespace CreditOS.Integration.Worker;

// An explicit, internal entry point in the worker's namespace: with top-level statements the shared framework's
// source generator (the worker references Microsoft.AspNetCore.App for its health endpoints) would emit a public
// global `Program`, which clashes (CS0436) with the `Program` of every project that references the worker.
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddCreditOsWorker(builder.Configuration);
        await builder.Build().RunAsync().ConfigureAwait(false);
    }
}
