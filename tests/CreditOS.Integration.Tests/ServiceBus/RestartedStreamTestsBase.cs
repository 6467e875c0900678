using CreditOS.Integration.Tests.Support;
using CreditOS.LocalDataverse.WebApi.OData;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// The world of the audit rounds' streams: the local Service Bus (restarted once, 200 ms after the 2nd $batch reaches the
/// local Dataverse, while that batch's answer and completions are on the way) and the local Dataverse over HTTP with the
/// credit configuration seeded. Each stream test owns its messages and its assertions; this owns the lifetime.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public abstract class RestartedStreamTestsBase : IAsyncLifetime
{
    private protected static readonly string[] Queues = [LocalBroker.PaymentsQueue, LocalBroker.ReceivablesQueue];
    private readonly Lock _busControl = new();
    private Task _restart = Task.CompletedTask;
    private int _batchRequests;

    private protected LocalServiceBusForWorker Bus { get; private set; } = null!;

    private protected LocalDataverseOverHttp Local { get; private set; } = null!;

    /// <summary>The $batch requests the local Dataverse received so far.</summary>
    private protected int BatchRequests => Volatile.Read(ref _batchRequests);

    public async Task InitializeAsync()
    {
        Bus = new LocalServiceBusForWorker(lockDuration: TimeSpan.FromSeconds(5), maxDeliveryCount: 5);
        Local = await LocalDataverseOverHttp.StartAsync(options => options.FaultInjector = RestartOnce, withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(Local.Service);
    }

    public async Task DisposeAsync()
    {
        await _restart;
        await Local.DisposeAsync();
        await Bus.DisposeAsync();
    }

    /// <summary>The restart, once it has happened (await it before reading dead letters).</summary>
    private protected Task Restarted => _restart;

    /// <summary>The receivable step rescores asynchronously: wait until the accounts' open receivables stop moving.</summary>
    private protected Task WaitForRescoringAsync(IEnumerable<Guid> accounts) => Local.WaitForOpenReceivablesToSettleAsync(accounts);

    private WebApiResult? RestartOnce(WebApiRequest request)
    {
        if (request.Path == "$batch" && Interlocked.Increment(ref _batchRequests) == 2)
        {
            _restart = Task.Run(async () =>
            {
                await Task.Delay(200);
                lock (_busControl)
                {
                    Bus.Restart();
                }
            });
        }

        return null;
    }
}
