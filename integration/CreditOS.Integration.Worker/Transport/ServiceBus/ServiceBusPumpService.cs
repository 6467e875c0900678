using CreditOS.Integration.Worker.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditOS.Integration.Worker.Transport.ServiceBus;

/// <summary>Runs one Service Bus pump per consumed queue for the life of the host (Broker:Transport ServiceBus).</summary>
public sealed class ServiceBusPumpService(IServiceProvider services) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enum.GetValues<QueueKind>()
            .Select(kind => ActivatorUtilities.CreateInstance<ServiceBusMessagePump>(services, kind))
            .Select(pump => Task.Run(() => pump.RunAsync(stoppingToken), CancellationToken.None)));
}
