using System.Diagnostics;
using System.Globalization;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.LocalDataverse.WebApi.OData;
using Xunit.Abstractions;

namespace CreditOS.Integration.Tests.Reliability;

/// <summary>
/// The reliability proof of issue 10: a mixed stream (payments, many at once on the same invoice, identical
/// redeliveries, ERP invoices and credit notes, channel orders, malformed messages, and redeliveries with changed
/// content) through the real broker, the worker and the local Dataverse over HTTP running every creditOS plug-in,
/// with broker restarts and injected 429/500/503s. It ends with every balance equal to a recomputation from the
/// messages sent. CI runs <see cref="DefaultSize"/> messages with one restart; set CREDITOS_RELIABILITY_MESSAGES
/// (for example 20000) for the full run, which restarts the broker three times.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class LedgerReliabilityTests(ITestOutputHelper output) : IAsyncLifetime
{
    public const int DefaultSize = 2_000;
    public const string SizeVariable = "CREDITOS_RELIABILITY_MESSAGES";

    private static readonly string[] Queues = [LocalBroker.PaymentsQueue, LocalBroker.ReceivablesQueue, LocalBroker.OrderIntakeQueue];
    private readonly Dictionary<int, int> _injected = [];
    private LocalDataverseOverHttp _local = null!;
    private int _batchRequests;

    private static int Size => int.TryParse(Environment.GetEnvironmentVariable(SizeVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size > 0 ? size : DefaultSize;

    public async Task InitializeAsync()
    {
        await LocalBroker.EnsureRunningAsync();
        await LocalBroker.PurgeAsync([.. Queues, LocalBroker.WebShopReplies]);
        _local = await LocalDataverseOverHttp.StartAsync(options => options.FaultInjector = InjectFaults, withOrderCheck: false);
        CreditPlugins.SeedCreditConfiguration(_local.Service);
    }

    public async Task DisposeAsync() => await _local.DisposeAsync();

    /// <summary>
    /// The stream's seed: CI's own (the stream's default), or those CREDITOS_SOAK_SEEDS names (session 29: the soak's seeds run
    /// on this RabbitMQ path too, the same variable as the Service Bus soak).
    /// </summary>
    public static TheoryData<int> Seeds() => EnvironmentSeeds.Of("CREDITOS_SOAK_SEEDS", LedgerStream.DefaultSeed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task MixedStreamWithRestartsAndFaults_EveryBalanceEqualsTheRecomputationFromTheMessagesSent(int seed)
    {
        var stream = new LedgerStream(Size, seed);
        var accounts = _local.SeedLedger(stream);

        CreditPlugins.Register(_local.Dataverse);
        var clock = Stopwatch.StartNew();
        using var settled = new SettledMessages();
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(_local.Server.BaseUri), settled.Register);
        worker.Start(QueueKind.Payments, QueueKind.Receivables, QueueKind.OrderIntake);

        // Phase one, with broker restarts spread through it.
        await Task.WhenAll(
            LocalBroker.SendAsync(LocalBroker.PaymentsQueue, stream.PhaseOnePayments),
            LocalBroker.SendAsync(LocalBroker.ReceivablesQueue, stream.PhaseOneReceivables),
            LocalBroker.SendAsync(LocalBroker.OrderIntakeQueue, stream.PhaseOneOrders));
        var restarts = Size >= 10_000 ? 3 : 1;
        for (var restart = 1; restart <= restarts; restart++)
        {
            var threshold = stream.PhaseOneCount * restart / (restarts + 1);
            await Eventually.TrueAsync(() => settled.Count >= threshold, Timeout, $"{threshold} distinct messages settled before restart {restart}");
            await LocalBroker.RestartAsync();
        }

        await AllAccountedForAsync(settled, [.. stream.PhaseOnePayments, .. stream.PhaseOneReceivables, .. stream.PhaseOneOrders]);

        // Phase two: the same ids again, some with changed content.
        await Task.WhenAll(
            LocalBroker.SendAsync(LocalBroker.PaymentsQueue, stream.PhaseTwoPayments),
            LocalBroker.SendAsync(LocalBroker.OrderIntakeQueue, stream.PhaseTwoOrders));
        await AllAccountedForAsync(settled, [.. stream.PhaseOnePayments, .. stream.PhaseOneReceivables, .. stream.PhaseOneOrders, .. stream.PhaseTwoPayments, .. stream.PhaseTwoOrders]);
        await worker.StopAsync();
        clock.Stop();

        // Nothing left behind, and every dead letter is one the stream meant, with its reason.
        foreach (var queue in Queues)
        {
            Assert.Empty(await LocalBroker.DrainAsync(LocalBroker.QueueAddress(queue)));
        }

        var deadLetters = await LocalBroker.DeadLetterReasonsAsync(Queues);

        LedgerOutcome.Assert(_local, stream.Expected(), accounts, deadLetters);

        Assert.True(_injected.Keys.Order().SequenceEqual([429, 500, 503]), "each fault kind was injected");
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Seed {seed}: {stream.Total} messages ({stream.Payments.Count} payments, {stream.InvoiceAmounts.Count - stream.SeededInvoices.Count} new invoices, {stream.CreditNotes} credit notes, {stream.Orders.Count} orders, {stream.IdenticalRedeliveries} identical redeliveries, {stream.ExpectedDeadLetters.Count} dead-lettered) in {clock.Elapsed.TotalSeconds:0.0} s; lost 0 (every valid payment, invoice and order written, every balance equal to the recomputation); {restarts} broker restart(s); injected 429×{_injected.GetValueOrDefault(429)}, 500×{_injected.GetValueOrDefault(500)}, 503×{_injected.GetValueOrDefault(503)} of {_batchRequests} $batch requests."));
    }

    /// <summary>Generous: a loaded shared machine is several times slower than a quiet one; the wait ends as soon as all is accounted for.</summary>
    private static TimeSpan Timeout => TimeSpan.FromSeconds(300 + (Size / 10));

    /// <summary>
    /// Waits until every message id sent has been settled by the worker (completed after its write, or dead-lettered)
    /// and the broker holds nothing more for the queues: no message waiting, none delivered and unsettled. A
    /// completion whose disposition was lost in a broker restart keeps its message on the broker until the
    /// redelivery is settled too, so the wait does not end on a count that a double settlement inflated, nor on a
    /// quiet period.
    /// </summary>
    private static async Task AllAccountedForAsync(SettledMessages settled, IReadOnlyList<Amqp.Message> sent)
    {
        var ids = sent.Select(message => message.Properties.MessageId).ToList();
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var unsettled = ids.Where(id => !settled.IsSettled(id)).ToList();
            var held = unsettled.Count == 0 ? await LocalBroker.HeldAsync(Queues) : null;
            if (held is not null && held.Values.All(count => count == 0))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"After {Timeout.TotalSeconds:0} s, {unsettled.Count} of {ids.Count} messages sent were never settled (first: {string.Join(", ", unsettled.Take(10))}); the broker holds {(held is null ? "(not asked)" : string.Join(", ", held.Select(pair => $"{pair.Key} {pair.Value}")))}."));
            }

            await Task.Delay(unsettled.Count == 0 ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Of every 20 $batch requests, the 3rd is throttled (Retry-After 1 s), the 8th fails with 500 and the 13th with 503.</summary>
    private WebApiResult? InjectFaults(WebApiRequest request)
    {
        if (request.Path != "$batch")
        {
            return null;
        }

        var number = Interlocked.Increment(ref _batchRequests);
        var (status, code, message) = (number % 20) switch
        {
            3 => (429, unchecked((int)0x80072322), "Injected: number of requests exceeded."),
            8 => (500, unchecked((int)0x80040216), "Injected: internal server error."),
            13 => (503, unchecked((int)0x80040216), "Injected: service unavailable."),
            _ => (0, 0, string.Empty),
        };
        if (status == 0)
        {
            return null;
        }

        lock (_injected)
        {
            _injected[status] = _injected.GetValueOrDefault(status) + 1;
        }

        return status == 429
            ? WebApiResult.Error(status, code, message, new Dictionary<string, string> { ["Retry-After"] = "1" })
            : WebApiResult.Error(status, code, message);
    }
}
