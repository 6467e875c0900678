using System.Globalization;
using CreditOS.LocalBureau;

// dotnet run --project integration/CreditOS.LocalBureau [-- --port 5091]
var options = new LocalBureauOptions();
var portIndex = Array.IndexOf(args, "--port");
if (portIndex >= 0 && portIndex + 1 < args.Length)
{
    options.Port = int.Parse(args[portIndex + 1], CultureInfo.InvariantCulture);
}

await using var server = await LocalBureauServer.StartAsync(options).ConfigureAwait(false);
Console.WriteLine($"Local bureau on {server.ApiBaseAddress} (user {options.UserName}); portal {server.PortalCompanyUrlTemplate}. Ctrl+C stops.");
await server.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
