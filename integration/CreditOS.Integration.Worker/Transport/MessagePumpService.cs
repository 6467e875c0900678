using CreditOS.Integration.Worker.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>Runs one message pump per consumed queue for the life of the host.</summary>
public sealed class MessagePumpService(IServiceProvider services) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pumps = Enum.GetValues<QueueKind>()
            .Select(kind => ActivatorUtilities.CreateInstance<MessagePump>(services, kind))
            .Select(pump => Task.Run(() => pump.RunAsync(stoppingToken), CancellationToken.None));
        return Task.WhenAll(pumps);
    }
}
