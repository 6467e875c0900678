using CreditOS.Integration.Worker;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddCreditOsWorker(builder.Configuration);
await builder.Build().RunAsync().ConfigureAwait(false);
