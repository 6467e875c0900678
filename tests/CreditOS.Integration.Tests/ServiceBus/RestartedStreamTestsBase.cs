using System.Collections.Concurrent;
using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.LocalDataverse.WebApi.OData;
using Microsoft.Extensions.DependencyInjection;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// The world of the faulty-stream tests: the local Service Bus, restarted on a pluggable <see cref="RestartSchedule"/>
/// (session 22), and the local Dataverse over HTTP with the credit configuration seeded. Each stream test owns its messages,
/// its schedule and its assertions; this owns the lifetime and the restarts. The default schedule is the audit rounds' one:
/// a restart 200 ms after the 2nd $batch reaches the local Dataverse, while that batch's answer and completions are on the way.
/// Restarts never overlap: each takes the gate, in the order their moments came.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public abstract class RestartedStreamTestsBase(TimeSpan? lockDuration = null, int maxDeliveryCount = 5) : IAsyncLifetime
{
    private protected static readonly string[] Queues = [LocalBroker.PaymentsQueue, LocalBroker.ReceivablesQueue];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<RestartMoment, int> _counts = new();
    private readonly ConcurrentQueue<Task> _pending = new();
    private readonly ConcurrentQueue<string> _restarts = new();

    private protected LocalServiceBusForWorker Bus { get; private set; } = null!;

    private protected LocalDataverseOverHttp Local { get; private set; } = null!;

    /// <summary>When the broker restarts; set it before the worker starts.</summary>
    private protected RestartSchedule Schedule { get; set; } = RestartSchedule.Of(new RestartPoint(RestartMoment.AfterBatch, 2, TimeSpan.Zero, TimeSpan.FromMilliseconds(200)));

    /// <summary>The $batch requests the local Dataverse received so far.</summary>
    private protected int BatchRequests => _counts.GetValueOrDefault(RestartMoment.DuringBatch);

    /// <summary>The restarts that happened, in order ("DuringBatch 4: down 1500 ms", …).</summary>
    private protected IReadOnlyList<string> Restarts => [.. _restarts];

    /// <summary>Every restart begun so far, once it has ended (await it before reading dead letters).</summary>
    private protected Task Restarted => Task.WhenAll([.. _pending]);

    public async Task InitializeAsync()
    {
        Bus = new LocalServiceBusForWorker(lockDuration ?? TimeSpan.FromSeconds(5), maxDeliveryCount);
        Bus.Options.RequestObserved = OnBrokerRequest;
        Local = await LocalDataverseOverHttp.StartAsync(options => options.FaultInjector = OnDataverseRequest, withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(Local.Service);
    }

    public async Task DisposeAsync()
    {
        Bus.Options.RequestObserved = null;
        await Restarted;
        await Local.DisposeAsync();
        await Bus.DisposeAsync();
        _gate.Dispose();
    }

    /// <summary>
    /// A worker on the payments and receivables queues, its settlements logged to <paramref name="settled"/>, with the restart
    /// moments registered: locks renewed at least every second, batches of up to <paramref name="maxBatchSize"/>, abandoned
    /// messages held <paramref name="transientFailurePause"/> × their delivery count; <paramref name="more"/> adds or overrides settings.
    /// </summary>
    private protected WorkerUnderTest StartWorker(SettledMessages settled, int maxBatchSize, TimeSpan transientFailurePause, IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Broker:ServiceBus:LockRenewalInterval"] = "00:00:01",
            ["Pump:MaxBatchSize"] = maxBatchSize.ToString(CultureInfo.InvariantCulture),
            ["Pump:TransientFailurePause"] = transientFailurePause.ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(Local.Server.BaseUri, Bus, settings), services =>
        {
            settled.Register(services);
            RegisterRestarts(services);
        });
        worker.StartServiceBus(QueueKind.Payments, QueueKind.Receivables);
        return worker;
    }

    /// <summary>The book's invoices as open receivables of their customers' accounts (in dollars for the customers <paramref name="inDollars"/> names, else in euros).</summary>
    private protected void AddOpenInvoices(StreamBook book, IReadOnlyDictionary<string, Guid> accounts, Func<string, bool>? inDollars = null)
    {
        foreach (var (invoice, customer) in book.InvoiceCustomers)
        {
            CreditPlugins.AddOpenInvoice(Local.Service, accounts[customer], inDollars?.Invoke(customer) == true ? Local.Dollar : Local.Euro, invoice, book.InvoiceAmounts[invoice]);
        }
    }

    /// <summary>Once every restart has ended, the dead-letter queues drained: message id → the dead-lettered message.</summary>
    private protected async Task<Dictionary<string, ServiceBusReceivedMessage>> DeadLettersAsync()
    {
        await Restarted;
        return await Bus.DeadLettersAsync(Queues);
    }

    /// <summary>
    /// Until every message id sent (but those Service Bus itself dead-letters) is settled by the worker, or its settlement
    /// failed (then the broker applied it or it comes back), and both queues hold nothing more, locked or not.
    /// </summary>
    private protected Task UntilSettledAsync(SettledMessages settled, IEnumerable<ServiceBusMessage> sent, IEnumerable<string>? brokerDeadLetters = null, TimeSpan? timeout = null) =>
        Bus.UntilSettledAsync(
            sent.Select(message => message.MessageId).Except(brokerDeadLetters ?? [], StringComparer.Ordinal).Distinct().ToList(),
            id => settled.IsSettled(id) || settled.SettlementFailed(id),
            Queues,
            timeout ?? TimeSpan.FromMinutes(4));

    /// <summary>The ledger equals <paramref name="book"/>'s recomputation (<see cref="LedgerOutcome"/>) and the dead-letter queues hold exactly its dead letters.</summary>
    private protected void AssertLedger(StreamBook book, IReadOnlyDictionary<string, Guid> accounts, Dictionary<string, ServiceBusReceivedMessage> drained, IReadOnlyDictionary<string, decimal> unappliedCash) =>
        LedgerOutcome.Assert(Local, book.Expected(unappliedCash), accounts, drained.ToDictionary(pair => pair.Key, pair => pair.Value.DeadLetterReason ?? "(none)", StringComparer.Ordinal));

    /// <summary>Each dead letter states its figures: message id → a text its DeadLetterErrorDescription must contain.</summary>
    private protected static void AssertDescriptions(Dictionary<string, ServiceBusReceivedMessage> drained, IReadOnlyDictionary<string, string> figures) =>
        Assert.All(figures, pair => Assert.Contains(pair.Value, drained[pair.Key].DeadLetterErrorDescription ?? string.Empty, StringComparison.Ordinal));

    /// <summary>Nothing silently dropped: every message id sent was settled by the worker or is in a dead-letter queue, and the queues are empty.</summary>
    private protected void AssertAccountedFor(SettledMessages settled, IEnumerable<ServiceBusMessage> sent, Dictionary<string, ServiceBusReceivedMessage> drained)
    {
        var unaccounted = sent.Select(message => message.MessageId).Distinct()
            .Where(id => !settled.IsSettled(id) && !settled.SettlementFailed(id) && !drained.ContainsKey(id)).ToList();
        Assert.Empty(unaccounted);
        Assert.All(Queues, queue => Assert.Equal(0, Bus.Server.CountOf(queue)));
    }

    /// <summary>Adds the between-commit-and-settle moment to a worker's Dataverse HTTP clients (pass it to the worker with its other services).</summary>
    private protected void RegisterRestarts(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new CommittedAnswerHold(this)));

    /// <summary>Adds a restart the next time <paramref name="moment"/> comes (a test's targeted fault, e.g. one message's commit and settlement).</summary>
    private protected void RestartAtNext(RestartMoment moment, TimeSpan down) =>
        Schedule = Schedule.With(new RestartPoint(moment, _counts.GetValueOrDefault(moment) + 1, down));

    /// <summary>A restart now, outside the schedule (a test's own step, e.g. between a payment and its invoice).</summary>
    private protected Task RestartNowAsync(TimeSpan down) => RestartAsync(new RestartPoint(RestartMoment.AtMessage, 0, down), "now");

    /// <summary>The receivable step rescores asynchronously: wait until the accounts' open receivables stop moving.</summary>
    private protected Task WaitForRescoringAsync(IEnumerable<Guid> accounts) => Local.WaitForOpenReceivablesToSettleAsync(accounts);

    /// <summary>A fault of the test's own on a Dataverse request (429, 503, …); <paramref name="batch"/> is the $batch's number, 0 for other requests.</summary>
    private protected virtual WebApiResult? InjectFault(WebApiRequest request, int batch) => null;

    private WebApiResult? OnDataverseRequest(WebApiRequest request)
    {
        if (request.Path != "$batch")
        {
            return InjectFault(request, 0);
        }

        var number = _counts.AddOrUpdate(RestartMoment.DuringBatch, 1, (_, count) => count + 1);
        if (Schedule.At(RestartMoment.DuringBatch, number) is { } during)
        {
            // The request thread waits out the outage: the batch commits after every link died.
            RestartAsync(during, "during $batch").GetAwaiter().GetResult();
        }

        if (Schedule.At(RestartMoment.AfterBatch, number) is { } after)
        {
            Begin(after, "after $batch");
        }

        return InjectFault(request, number);
    }

    /// <summary>The broker's requests: never blocked (the restart runs beside the request, which it may cut off or follow).</summary>
    private void OnBrokerRequest(string entityPath, string request)
    {
        var moment = request switch
        {
            LocalServiceBus.BrokerRequest.Complete => RestartMoment.AtMessage,
            LocalServiceBus.BrokerRequest.RenewLock => RestartMoment.DuringLockRenewal,
            LocalServiceBus.BrokerRequest.DeadLetter => RestartMoment.DuringDeadLetter,
            _ => (RestartMoment?)null,
        };
        if (moment is { } due && Schedule.At(due, _counts.AddOrUpdate(due, 1, (_, count) => count + 1)) is { } point)
        {
            Begin(point, $"{request} on {entityPath}");
        }
    }

    private void Begin(RestartPoint point, string what) => _pending.Enqueue(Task.Run(async () =>
    {
        await Task.Delay(point.Delay);
        await RestartAsync(point, what);
    }));

    private async Task RestartAsync(RestartPoint point, string what)
    {
        await _gate.WaitAsync();
        try
        {
            _restarts.Enqueue($"{point} ({what})");
            for (var time = 1; time <= point.Times; time++)
            {
                Bus.Stop();
                await Task.Delay(point.Down);
                Bus.Start();
                if (time < point.Times)
                {
                    await Task.Delay(point.Gap);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Holds a committed $batch answer on the worker's side while the broker restarts, so its settlements go to a new broker.</summary>
    private sealed class CommittedAnswerHold(RestartedStreamTestsBase owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal) == true && response.IsSuccessStatusCode)
            {
                var number = owner._counts.AddOrUpdate(RestartMoment.BetweenCommitAndSettle, 1, (_, count) => count + 1);
                if (owner.Schedule.At(RestartMoment.BetweenCommitAndSettle, number) is { } point)
                {
                    await owner.RestartAsync(point, "between commit and settle");
                }
            }

            return response;
        }
    }
}
