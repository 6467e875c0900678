using CreditOS.Integration.Worker;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;
using CreditOS.Integration.Worker.Transport.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Tests.Support;

/// <summary>The worker's real services and message pumps, started and stopped by a test.</summary>
public sealed class WorkerUnderTest : IAsyncDisposable
{
    private static int _created;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _pumps = [];

    private WorkerUnderTest(ServiceProvider services, string name)
    {
        Services = services;
        Name = name;
    }

    public ServiceProvider Services { get; }

    /// <summary>The worker's name in the file log ("worker 3": the third worker the test process created).</summary>
    public string Name { get; }

    public static WorkerUnderTest Create(IConfiguration configuration, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        var name = $"worker {Interlocked.Increment(ref _created)}";
        var fileLog = FileLog.FromEnvironment(name);
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(fileLog is null ? LogLevel.Warning : LogLevel.Debug);
            if (fileLog is not null)
            {
                logging.AddProvider(fileLog);
            }
        });
        services.AddCreditOsWorkerCore(configuration);
        configure?.Invoke(services);
        return new WorkerUnderTest(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), name);
    }

    /// <summary>Replaces a queue's handler (for transport tests that script the decisions).</summary>
    public static Action<IServiceCollection> WithHandler(QueueKind kind, IMessageBatchHandler handler) =>
        services => services.AddKeyedScoped(kind, (_, _) => handler);

    /// <summary>Hands messages to a queue's handler in a scope of their own, as a pump does, and returns its decisions (no broker).</summary>
    public async Task<IReadOnlyList<SettleDecision>> HandleAsync(QueueKind kind, params InboundMessage[] messages)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredKeyedService<IMessageBatchHandler>(kind).HandleAsync(messages, CancellationToken.None);
    }

    public void Start(params QueueKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            var pump = ActivatorUtilities.CreateInstance<MessagePump>(Services, kind);
            _pumps.Add(Task.Run(() => pump.RunAsync(_stopping.Token)));
        }
    }

    /// <summary>Starts the official client's pumps (Broker:Transport ServiceBus).</summary>
    public void StartServiceBus(params QueueKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            var pump = ActivatorUtilities.CreateInstance<ServiceBusMessagePump>(Services, kind);
            _pumps.Add(Task.Run(() => pump.RunAsync(_stopping.Token)));
        }
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_pumps).WaitAsync(TimeSpan.FromSeconds(60));
        _pumps.Clear();
    }

    /// <summary>
    /// As a worker process killed mid-batch: its Service Bus connection goes away first, so nothing it holds is settled (the
    /// locks expire and Service Bus delivers the messages again with their delivery count raised), then its batches are
    /// cancelled wherever they are (a Dataverse write may have committed or not). Its pumps end with the errors a dead
    /// connection gives, which are not the test's concern.
    /// </summary>
    public async Task KillAsync()
    {
        await Services.GetRequiredService<Azure.Messaging.ServiceBus.ServiceBusClient>().DisposeAsync();
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_pumps).WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception exception) when (exception is not TimeoutException)
        {
            // The killed worker's pumps fail on the closed client: expected.
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{Name}'s pumps had not ended 60 s after it was killed (its client disposed, its stop signalled); its lines in {FileLog.PathVariable} are marked [{Name}].", timeout);
        }

        _pumps.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_pumps.Count > 0)
        {
            await StopAsync();
        }

        await Services.DisposeAsync();
        _stopping.Dispose();
    }
}
