using CreditOS.LocalServiceBus;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddOptions<LocalServiceBusOptions>()
    .Bind(builder.Configuration.GetSection(LocalServiceBusOptions.SectionName))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddHostedService<LocalServiceBusHostedService>();
await builder.Build().RunAsync().ConfigureAwait(false);
