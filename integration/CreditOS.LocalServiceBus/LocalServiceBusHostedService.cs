using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.LocalServiceBus;

/// <summary>Runs the local Service Bus for the life of a host (the runnable host, or a test host).</summary>
public sealed partial class LocalServiceBusHostedService(IOptions<LocalServiceBusOptions> options, ILogger<LocalServiceBusHostedService> logger) : IHostedService, IDisposable
{
    private LocalServiceBusServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _server = new LocalServiceBusServer(settings);
        _server.Start();
        LogStarted(settings.Host, settings.Port, settings.TlsPort, string.Join(", ", settings.Queues.Select(queue => queue.Name)), settings.DatabasePath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _server?.Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => _server?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Local Service Bus on amqp://{Host}:{Port} (TLS port {TlsPort}; 0 = none), queues {Queues}, messages in {DatabasePath}")]
    private partial void LogStarted(string host, int port, int tlsPort, string queues, string databasePath);
}
