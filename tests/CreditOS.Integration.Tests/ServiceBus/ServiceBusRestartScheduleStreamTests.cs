using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Worker.Observability;
using Microsoft.Extensions.DependencyInjection;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Messages;
using Xunit.Abstractions;
using static CreditOS.Integration.Tests.ServiceBus.StreamBook; // Erp, Number, Message, Advice

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 22's faults through the official client, the local Service Bus (lock 3 s, MaxDeliveryCount 10), the worker and the
/// local Dataverse over HTTP with every plug-in, restarts drawn from the seed (<see cref="RestartSchedule"/>):
/// <list type="bullet">
/// <item>restarts in quick succession: during a $batch the broker goes down three times, each time longer than the worker's
/// first retry step (Broker:ReconnectInitialDelay 0.5 s), then down once more for longer than its longest step (at a drawn
/// completion); restarts while a lock renewal and while a dead-letter settlement is in flight;</item>
/// <item>a payment before its invoice (another queue; the local Service Bus refuses sessions, and the worker uses none) with
/// a restart between them: applied once when the invoice is in;</item>
/// <item>the same message id twice with the same content, the same ERP payment under another message id (each applied once),
/// then the same message id with another amount (a conflict, never an overwrite);</item>
/// <item>a payment whose write commits but whose completion fails (the broker restarted between the commit and the
/// settlement), redelivered by Service Bus and then re-sent by the ERP under the same message id with another amount and
/// under another id with a third: the original completes as already written, both changes are PostedPaymentChanged with
/// both figures;</item>
/// <item>a long outage: Dataverse refuses every write for longer than five payments' time to live, so they expire into the
/// dead-letter queue unapplied (TTLExpiredException, carrying the worker's last reason); one more payment commits, then the
/// broker stays down past its time to live, so it is dead-lettered TTLExpiredException although it is posted. All six are
/// resubmitted from the dead-letter queue as operations would: the five post once, the posted one moves nothing.</item>
/// </list>
/// Then every balance equals the recomputation from the messages (<see cref="LedgerOutcome"/>), every dead letter states its
/// figures, and every message sent is completed or dead-lettered.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusRestartScheduleStreamTests(ITestOutputHelper output) : RestartedStreamTestsBase(lockDuration: TimeSpan.FromSeconds(3), maxDeliveryCount: 10)
{
    private volatile bool _dataverseDown; // the long outage: every $batch refused while it lasts

    [Theory, InlineData(22001), InlineData(22002)]
    public async Task Restarts_in_quick_succession_long_outages_and_changed_redeliveries_never_lose_or_double_apply_money(int seed)
    {
        var random = new Random(seed);
        Schedule = RestartSchedule.Of(
            new RestartPoint(RestartMoment.DuringBatch, 2 + random.Next(4), TimeSpan.FromMilliseconds(1_200 + random.Next(800)), Times: 3, Gap: TimeSpan.FromMilliseconds(300)),
            new RestartPoint(RestartMoment.AtMessage, 15 + random.Next(20), TimeSpan.FromSeconds(2.5)),
            new RestartPoint(RestartMoment.DuringLockRenewal, 2 + random.Next(5), TimeSpan.FromSeconds(1)),
            new RestartPoint(RestartMoment.DuringDeadLetter, 1 + random.Next(3), TimeSpan.FromSeconds(1)));
        var accounts = new Dictionary<string, Guid>(StringComparer.Ordinal) { ["C-1"] = Local.AddAccount("C-1"), ["C-2"] = Local.AddAccount("C-2") };
        CreditPlugins.Register(Local.Dataverse);
        var book = new StreamBook();
        book.Invoice("H-1", "C-1", 2_000m);
        book.Invoice("H-2", "C-2", 1_500m);
        AddOpenInvoices(book, accounts);

        // Phase one: bulk, identical duplicates (same message id; same ERP id under another), poison, and a payment before its invoice.
        var phaseOne = book.Bulk(25, "bulk-a", "71", "C-1", 5m, "H-1").Concat(book.Bulk(25, "bulk-b", "72", "C-2", 4m, "H-2")).ToList();
        phaseOne.InsertRange(20, [
            book.Valid("dup-1", "7000000001", "C-1", 100m, "H-1"),
            Message("dup-1", Advice("7000000001", "C-1", "100.00", "EUR", "H-1")), // the same message id, the same body
            Message("dup-1b", Advice("7000000001", "C-1", "100.00", "EUR", "H-1")), // the same payment, another message id
            book.Valid("dup-2", "7000000002", "C-2", 200m, "H-2"),
            book.Valid("pay-early", "7000000003", "C-2", 600m, Erp("7900000001")), // its invoice comes later, across a restart
            book.Refused("bad-json", RejectionReasons.MalformedPayload, "PAYMENT 7000000004 C-1 10.00 EUR"),
            book.Refused("bad-negative", RejectionReasons.NonPositiveAmount, Advice("7000000005", "C-1", "-12.34", "EUR", "H-1")),
            book.Refused("bad-currency", RejectionReasons.CurrencyMismatch, Advice("7000000006", "C-2", "30.00", "USD", "H-2")),
        ]);

        using var settled = new SettledMessages();
        await using var worker = StartWorker(settled, maxBatchSize: 10, TimeSpan.FromMilliseconds(500), new Dictionary<string, string?>
        {
            ["Broker:ReconnectInitialDelay"] = "00:00:00.500", // the retry policy's first step: every outage below is longer
            ["Broker:ReconnectMaxDelay"] = "00:00:02",
        });
        var receivers = worker.Services.GetRequiredService<ReceiverStates>();
        using var watch = new CancellationTokenSource();
        var failures = WatchFailuresAsync(receivers, watch.Token); // a receive that failed after the client's own retries
        await Bus.SendAsync(LocalBroker.PaymentsQueue, phaseOne);

        // The payment is waiting for its invoice; the broker restarts (down 1.5 s) before the invoice is sent.
        await Eventually.TrueAsync(() => settled.LastAbandonReason("pay-early") is not null, TimeSpan.FromMinutes(2), "the payment before its invoice abandoned");
        await RestartNowAsync(TimeSpan.FromSeconds(1.5));
        book.Invoice(Erp("7900000001"), "C-2", 900m);
        var earlyInvoice = LocalServiceBusForWorker.TextMessage("inv-early", "sap.open-item", Payloads.SapOpenItem("7900000001", "C-2", 900m, 900m));
        await Bus.SendAsync(LocalBroker.ReceivablesQueue, [earlyInvoice]);
        await UntilSettledAsync(settled, [.. phaseOne, earlyInvoice]);

        // Phase two: a write that commits and whose completion fails (the broker restarts between them), then the ERP's changes.
        RestartAtNext(RestartMoment.BetweenCommitAndSettle, TimeSpan.FromSeconds(1));
        var original = book.Valid("pay-x", "7000000010", "C-1", 300m, "H-1");
        await Bus.SendAsync(LocalBroker.PaymentsQueue, [original]);
        await Eventually.TrueAsync(() => settled.SettlementFailed("pay-x"), TimeSpan.FromMinutes(1), "pay-x's completion refused after its commit");
        ServiceBusMessage[] changed =
        [
            book.Refused("pay-x", RejectionReasons.PostedPaymentChanged, Advice("7000000010", "C-1", "330.00", "EUR", "H-1")),
            book.Refused("pay-x-other", RejectionReasons.PostedPaymentChanged, Advice("7000000010", "C-1", "333.00", "EUR", "H-1")),
            book.Refused("dup-2", RejectionReasons.PostedPaymentChanged, Advice("7000000002", "C-2", "250.00", "EUR", "H-2")),
        ];
        await Bus.SendAsync(LocalBroker.PaymentsQueue, changed);
        await UntilSettledAsync(settled, [original, .. changed]);

        // Phase three, a long outage: Dataverse refuses every write until five payments' time to live has run out.
        var deadLetterQueue = $"{LocalBroker.PaymentsQueue}/$DeadLetterQueue";
        var deadBefore = Bus.Server.CountOf(deadLetterQueue);
        _dataverseDown = true;
        var expiring = Enumerable.Range(1, 5).Select(index =>
        {
            var message = book.Refused($"ttl-{index}", "TTLExpiredException", Advice($"70000001{index:D2}", "C-1", Number(10m * index), "EUR", invoice: null));
            message.TimeToLive = TimeSpan.FromSeconds(3);
            return message;
        }).ToList();
        await Bus.SendAsync(LocalBroker.PaymentsQueue, expiring);
        await Eventually.TrueAsync(() => Bus.Server.CountOf(deadLetterQueue) == deadBefore + expiring.Count, TimeSpan.FromMinutes(1), "the payments expired during the outage dead-lettered");
        _dataverseDown = false;

        // One more commits; the broker then stays down past its time to live, so it expires into the dead-letter queue posted.
        RestartAtNext(RestartMoment.BetweenCommitAndSettle, TimeSpan.FromSeconds(9)); // longer than the client's whole retry policy (5 retries, 0.5-2 s apart)
        var posted = book.Valid("ttl-posted", "7000000200", "C-2", 45m, invoice: null);
        book.DeadLetters["ttl-posted"] = "TTLExpiredException";
        posted.TimeToLive = TimeSpan.FromSeconds(3);
        await Bus.SendAsync(LocalBroker.PaymentsQueue, [posted]);
        await Eventually.TrueAsync(() => Bus.Server.CountOf(deadLetterQueue) == deadBefore + expiring.Count + 1, TimeSpan.FromMinutes(1), "the posted payment expired into the dead-letter queue");
        await Eventually.TrueAsync(() => Queues.All(queue => Bus.Server.CountOf(queue) == 0), TimeSpan.FromMinutes(2), "every queue drained");
        var drained = await DeadLettersAsync();

        // Operations resubmit the expired payments: the five post once each, the posted one is a redelivery and moves nothing.
        var resubmitted = expiring.Append(posted).Select(message => Message(message.MessageId + "-resubmitted", drained[message.MessageId].Body.ToString())).ToList();
        foreach (var index in Enumerable.Range(1, 5))
        {
            book.Payments[Erp($"70000001{index:D2}")] = (10m * index, string.Empty);
        }

        await Bus.SendAsync(LocalBroker.PaymentsQueue, resubmitted);
        await UntilSettledAsync(settled, resubmitted);

        // The worker reconnected by itself after every outage, the 9 s one included: both receivers are receiving again.
        await watch.CancelAsync();
        var failed = await failures;
        Assert.All(Queues, queue => Assert.Equal(ReceiverStatus.Receiving, receivers.Current[queue].Status));
        await worker.StopAsync();
        await Restarted;

        await WaitForRescoringAsync(accounts.Values);
        AssertLedger(book, accounts, drained, new Dictionary<string, decimal> { ["C-1"] = 150m, ["C-2"] = 45m });

        // Each dead letter states its figures; the expired ones carry the worker's last reason where it had one.
        AssertDescriptions(drained, new Dictionary<string, string>
        {
            ["pay-x"] = "was posted as 300.00; the ERP now says 330.00",
            ["pay-x-other"] = "was posted as 300.00; the ERP now says 333.00",
            ["dup-2"] = "was posted as 200.00; the ERP now says 250.00",
            ["bad-negative"] = "-12.34",
            ["bad-currency"] = "of 30.00 is in USD but account C-2 trades in EUR",
        });
        Assert.StartsWith("sap.payment-advice: ", drained["bad-json"].DeadLetterErrorDescription, StringComparison.Ordinal);
        // One the worker abandoned carries its reason; one whose abandon was cut off by a restart (its lock ran out) carries none.
        var abandoned = expiring.Where(message => settled.LastAbandonReason(message.MessageId) is not null).ToList();
        Assert.All(abandoned, message => Assert.Contains("503", (string)drained[message.MessageId].ApplicationProperties[Worker.Transport.DeadLetterProperties.LastAbandonReason], StringComparison.Ordinal));

        // Nothing silently dropped; every scheduled restart happened, and the worker reconnected after each (it settled what came after).
        var sent = phaseOne.Append(earlyInvoice).Append(original).Concat(changed).Concat(expiring).Append(posted).Concat(resubmitted).ToList();
        AssertAccountedFor(settled, sent, drained);
        Assert.All(Schedule.Points, point => Assert.Contains(Restarts, restart => restart.StartsWith(point.ToString(), StringComparison.Ordinal)));
        output.WriteLine(FormattableString.Invariant(
            $"seed {seed}: {sent.Count} messages, {book.Payments.Count} payments applied once, {book.DeadLetters.Count} dead-lettered; {BatchRequests} $batch requests; restarts: {string.Join(", ", Restarts)}; {sent.Count(message => settled.SettlementFailed(message.MessageId))} messages whose settlement failed; {abandoned.Count} of {expiring.Count} expired payments abandoned by the worker first; receives failed after the client's retries: {(failed.Count == 0 ? "none" : string.Join(", ", failed))}."));
    }

    /// <summary>Samples the receivers' states until cancelled: each failure reason seen, by queue.</summary>
    private static async Task<IReadOnlyCollection<string>> WatchFailuresAsync(ReceiverStates receivers, CancellationToken stop)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!stop.IsCancellationRequested)
        {
            foreach (var (queue, state) in receivers.Current.Where(pair => pair.Value.Status == ReceiverStatus.Failing))
            {
                seen.Add($"{queue} {state.Reason}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }

        return seen;
    }

    /// <summary>The long outage: every $batch refused 503 while it lasts (the worker abandons, holds and abandons again).</summary>
    private protected override LocalDataverse.WebApi.OData.WebApiResult? InjectFault(LocalDataverse.WebApi.OData.WebApiRequest request, int batch) =>
        batch > 0 && _dataverseDown ? LocalDataverse.WebApi.OData.WebApiResult.Error(503, unchecked((int)0x80040216), "Injected: service unavailable (a long outage).") : null;
}
