using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.LocalDataverse.WebApi.OData;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// The world every Service Bus stream test runs in (session 24: one home for what the stream classes repeated): its own
/// local Service Bus (the test's lock duration and MaxDeliveryCount) and the local Dataverse over HTTP with the credit
/// configuration seeded, the $batch requests counted and handed to the scenario's faults (<see cref="OnBatch"/>,
/// <see cref="OnOtherRequest"/>), broker stops and restarts that never overlap (<see cref="StopDuring"/>,
/// <see cref="RestartAfter"/>), the worker on the official client and the waits for settlement. A stream test class states
/// its scenario only: its messages, its faults and its assertions.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public abstract class ServiceBusStreamTestsBase(TimeSpan? lockDuration = null, int maxDeliveryCount = LocalBroker.DeliveryLimit) : IAsyncLifetime
{
    /// <summary>The ERP queues the stream tests send to and the worker drains.</summary>
    private protected static readonly string[] Queues = [LocalBroker.PaymentsQueue, LocalBroker.ReceivablesQueue];

    private readonly Lock _busControl = new();
    private Task _restart = Task.CompletedTask;
    private int _batchRequests;

    private protected LocalServiceBusForWorker Bus { get; private set; } = null!;

    private protected LocalDataverseOverHttp Local { get; private set; } = null!;

    /// <summary>The $batch requests the local Dataverse received so far.</summary>
    private protected int BatchRequests => Volatile.Read(ref _batchRequests);

    /// <summary>Every restart scheduled so far, once it has happened (await it before reading dead letters).</summary>
    private protected Task Restarted
    {
        get
        {
            lock (_busControl)
            {
                return _restart;
            }
        }
    }

    public virtual async Task InitializeAsync()
    {
        Bus = new LocalServiceBusForWorker(lockDuration, maxDeliveryCount);
        Local = await LocalDataverseOverHttp.StartAsync(options => options.FaultInjector = OnRequest, withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(Local.Service);
    }

    public async Task DisposeAsync()
    {
        await Restarted;
        await Local.DisposeAsync();
        await Bus.DisposeAsync();
    }

    /// <summary>The scenario's answer to the <paramref name="number"/>-th $batch request (null: Dataverse handles it).</summary>
    private protected virtual WebApiResult? OnBatch(int number, WebApiRequest request) => null;

    /// <summary>The scenario's answer to any other request, a $batch part included (null: Dataverse handles it).</summary>
    private protected virtual WebApiResult? OnOtherRequest(WebApiRequest request) => null;

    /// <summary>
    /// Stops the local Service Bus for <paramref name="outage"/> on the calling thread (a fault injector's: the request waits,
    /// so a $batch commits only after the broker is back and its receive links are gone) and starts it again.
    /// </summary>
    private protected void StopDuring(TimeSpan outage)
    {
        lock (_busControl)
        {
            Bus.Stop();
            Thread.Sleep(outage);
            Bus.Start();
        }
    }

    /// <summary>
    /// Restarts the local Service Bus <paramref name="delay"/> from now, after any restart already scheduled, without holding
    /// up the caller (a $batch's answer and completions are on the way meanwhile).
    /// </summary>
    private protected void RestartAfter(TimeSpan delay)
    {
        lock (_busControl)
        {
            var previous = _restart;
            _restart = Task.Run(async () =>
            {
                await previous;
                await Task.Delay(delay);
                lock (_busControl)
                {
                    Bus.Restart();
                }
            });
        }
    }

    /// <summary>
    /// The worker on the official client against this bus and Dataverse, not started (each scenario chooses whether its
    /// messages are queued before the worker runs): lock renewal every second, the scenario's batch size and transient pause.
    /// <paramref name="dataverse"/>: another address for the local Dataverse (a proxy in front of it), its own by default.
    /// </summary>
    private protected WorkerUnderTest CreateWorker(SettledMessages settled, int maxBatchSize, string transientFailurePause, Uri? dataverse = null) =>
        WorkerUnderTest.Create(
            WorkerConfiguration.ForServiceBus(dataverse ?? Local.Server.BaseUri, Bus, new Dictionary<string, string?>
            {
                ["Broker:ServiceBus:LockRenewalInterval"] = "00:00:01",
                ["Pump:MaxBatchSize"] = maxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Pump:TransientFailurePause"] = transientFailurePause,
            }),
            settled.Register);

    /// <summary>Starts the worker's pumps on the ERP queues.</summary>
    private protected static void StartOnErpQueues(WorkerUnderTest worker) => worker.StartServiceBus(QueueKind.Payments, QueueKind.Receivables);

    /// <summary>
    /// Waits until every message sent but those Service Bus itself dead-letters (<paramref name="brokerDeadLetters"/>) is accounted
    /// for by the worker (<see cref="SettledMessages.IsAccounted"/>: settled, or a settlement whose answer a restart lost) and the
    /// ERP queues hold nothing, locked or not. Settled alone was not enough (session 24, lock-lost seed 21001): a restart while a
    /// batch's completions were on the way lost their answers after the broker had applied them, the 9 messages never came back,
    /// and the wait ran out with both queues empty. A timeout names what is still in flight, message by message (session 26).
    /// </summary>
    private protected Task UntilSettledAsync(SettledMessages settled, IEnumerable<ServiceBusMessage> sent, TimeSpan timeout, params string[] brokerDeadLetters) =>
        Bus.UntilSettledAsync(sent.Select(message => message.MessageId).Except(brokerDeadLetters, StringComparer.Ordinal).Distinct().ToList(), settled.IsAccounted, Queues, () => (timeout, $"fixed {timeout.TotalSeconds:0} s"), settled.StateOf);

    /// <summary>Message id → dead-letter reason, as <see cref="LedgerOutcome"/> compares them.</summary>
    private protected static Dictionary<string, string> Reasons(Dictionary<string, ServiceBusReceivedMessage> drained) =>
        drained.ToDictionary(pair => pair.Key, pair => pair.Value.DeadLetterReason ?? "(none)", StringComparer.Ordinal);

    private WebApiResult? OnRequest(WebApiRequest request) =>
        request.Path == "$batch" ? OnBatch(Interlocked.Increment(ref _batchRequests), request) : OnOtherRequest(request);
}
