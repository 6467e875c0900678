using System.Collections.Concurrent;
using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;
using CreditOS.LocalDataverse.WebApi.OData;
using Xunit.Abstractions;
using static CreditOS.Integration.Tests.Support.SapAdviceStream; // Erp, Number, Message, Advice

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// A faulty ERP stream through the official Service Bus client, the local Service Bus, the worker and the local Dataverse
/// over HTTP with every creditOS plug-in, one fault of each kind, each with the outcome its messages say:
/// <list type="bullet">
/// <item>malformed JSON, a missing field, a wrong type, an amount with a decimal comma, zero and negative amounts, an
/// unknown currency, more decimals than the currency keeps, a payment in another currency than its invoice and account:
/// dead-lettered by the worker with the reason and the figures;</item>
/// <item>a payment before its invoice (they travel on different queues): delivered again until the invoice arrives, then
/// applied once; a payment naming an invoice that never comes, and a payment whose write Dataverse always fails (503 on its
/// $batch part): dead-lettered by Service Bus after MaxDeliveryCount, each carrying the worker's last reason
/// (LastAbandonReason);</item>
/// <item>the same message id redelivered with the same content (applied once) and, later, with different content
/// (PostedPaymentChanged with both figures); the same payment under another message id, identical (once) and changed
/// (PostedPaymentChanged); a payment larger than its invoice's open amount (the invoice settled, the rest the customer's
/// unapplied cash); a payment naming no invoice (unapplied cash);</item>
/// <item>an invoice's first version overtaken by its credit note (its writes fail until the credit note is in, so Service
/// Bus delivers it again with its own, older sequence number): superseded and completed, the invoice keeps the credit note's
/// amount; the credit note again under another message id changes nothing; a later payment applies to the credit note's
/// amount;</item>
/// <item>a message whose time to live ran out before it was received: dead-lettered by Service Bus (TTLExpiredException),
/// never applied;</item>
/// <item>Dataverse answering 429 with Retry-After and 503 for whole $batch requests and 503 once for one $batch part; the
/// local Service Bus stopped during a $batch for longer than the lock (renewals fail, the locks are lost, the write commits,
/// its completions fail) and restarted while another batch's answer and completions are on the way.</item>
/// </list>
/// Then every balance equals the recomputation from the messages (<see cref="LedgerOutcome"/>), and every message sent is
/// either completed by the worker or in a dead-letter queue with its reason: nothing silently dropped.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusFaultyStreamTests(ITestOutputHelper output) : ServiceBusStreamTestsBase(LockDuration, DeliveryLimit)
{
    private const int DeliveryLimit = 10;
    private const string PoisonDocument = "9100000006";
    private const string FlakyDocument = "9100000018";

    // An invoice whose first version's write fails until its credit note is in and the worker has given the older version
    // back to Service Bus, which then hands it over again (with its own, older sequence number) after the newer one.
    private const string OvertakenDocument = "9200000008";
    private const string OvertakenAmount = "1234.5";

    // A short lock, so a batch held up past it loses its locks within the test.
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<string, int> _injected = new(StringComparer.Ordinal);
    private int _flakyFailures;
    private int _creditNoteSeen;
    private SettledMessages? _settled;

    [Fact]
    public async Task FaultyStreamWithBrokerRestarts_EveryPaymentAppliedOnceOrDeadLetteredWithItsReason_EveryBalanceEqualsTheMessages()
    {
        var accounts = new Dictionary<string, Guid>(StringComparer.Ordinal)
        {
            ["C-1"] = Local.AddAccount("C-1"),
            ["C-2"] = Local.AddAccount("C-2"),
            ["C-3"] = Local.AddAccount("C-3", Local.Dollar),
        };
        var invoiceAmounts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var invoiceCustomers = new Dictionary<string, string>(StringComparer.Ordinal);
        void Invoice(string erpId, string customer, decimal amount)
        {
            invoiceAmounts[erpId] = amount;
            invoiceCustomers[erpId] = customer;
        }

        foreach (var (erpId, customer, amount) in new[] { ("F-I1", "C-1", 1_000m), ("F-I2", "C-1", 500m), ("F-I3", "C-2", 800m), ("F-I5", "C-3", 700m) })
        {
            CreditPlugins.AddOpenInvoice(Local.Service, accounts[customer], customer == "C-3" ? Local.Dollar : Local.Euro, erpId, amount);
            Invoice(erpId, customer, amount);
        }

        CreditPlugins.Register(Local.Dataverse);
        var stream = new SapAdviceStream();
        var payments = stream.Payments;
        var deadLetters = stream.DeadLetters;
        var phaseOne = new List<ServiceBusMessage>();

        // Valid payments, redeliveries, an overpayment, a payment before its invoice, a payment naming no invoice.
        phaseOne.Add(stream.Valid("pay-1", "9100000001", "C-1", 100m, "F-I1"));
        phaseOne.Add(Message("pay-1", Advice("9100000001", "C-1", "100.00", "EUR", "F-I1"))); // the same message id, the same content
        phaseOne.Add(stream.Valid("pay-2a", "9100000002", "C-1", 200m, "F-I1"));
        phaseOne.Add(Message("pay-2b", Advice("9100000002", "C-1", "200.00", "EUR", "F-I1"))); // the same payment under another message id
        phaseOne.Add(stream.Valid("pay-3", "9100000003", "C-2", 1_000m, "F-I3")); // 200.00 more than F-I3 has open
        phaseOne.Add(stream.Valid("pay-4", "9100000004", "C-2", 600m, Erp("9200000004"))); // its invoice comes later, on the other queue
        phaseOne.Add(stream.Valid("pay-18", FlakyDocument, "C-1", 20m, "F-I2")); // its $batch part fails once with 503
        payments[Erp("9100000020")] = (25m, string.Empty);
        phaseOne.Add(Message("pay-20", Advice("9100000020", "C-1", "25.00", "EUR", invoice: null)));
        for (var index = 1; index <= 50; index++)
        {
            var number = index.ToString("D8", CultureInfo.InvariantCulture);
            phaseOne.Add(stream.Valid("bulk-a" + number, "93" + number, "C-1", 5m, "F-I1"));
            phaseOne.Add(stream.Valid("bulk-b" + number, "94" + number, "C-1", 3m, "F-I2"));
            phaseOne.Add(stream.Valid("bulk-c" + number, "95" + number, "C-3", 4m, "F-I5", "USD"));
        }

        // Dead-lettered by Service Bus after MaxDeliveryCount, with the worker's last reason: an invoice that never comes, a write that always fails.
        phaseOne.Add(stream.Refused("pay-5", "MaxDeliveryCountExceeded", Advice("9100000005", "C-1", "50.00", "EUR", "F-404")));
        phaseOne.Add(stream.Refused("pay-6", "MaxDeliveryCountExceeded", Advice(PoisonDocument, "C-1", "75.00", "EUR", "F-I2")));

        // Dead-lettered by the worker, with the reason and the figures.
        phaseOne.Add(stream.Refused("pay-7", RejectionReasons.CurrencyMismatch, Advice("9100000007", "C-1", "30.00", "USD", "F-I1")));
        phaseOne.Add(stream.Refused("pay-8", RejectionReasons.CurrencyMismatch, Advice("9100000008", "C-3", "100.00", "EUR", "F-I5")));
        phaseOne.Add(stream.Refused("pay-9", RejectionReasons.MalformedPayload, Advice("9100000009", "C-1", "10.005", "EUR", "F-I1")));
        phaseOne.Add(stream.Refused("pay-10", RejectionReasons.MalformedPayload, "{oops"));
        phaseOne.Add(stream.Refused("pay-11", RejectionReasons.MalformedPayload, Advice("9100000011", "C-1", "10.00", "EUR", "F-I1").Replace("\"Customer\":\"C-1\",", string.Empty, StringComparison.Ordinal)));
        phaseOne.Add(stream.Refused("pay-12", RejectionReasons.MalformedPayload, Advice("9100000012", "C-1", "true", "EUR", "F-I1")));
        phaseOne.Add(stream.Refused("pay-13", RejectionReasons.NonPositiveAmount, Advice("9100000013", "C-1", "0", "EUR", "F-I1")));
        phaseOne.Add(stream.Refused("pay-14", RejectionReasons.NonPositiveAmount, Advice("9100000014", "C-1", "-5.00", "EUR", "F-I1")));
        phaseOne.Add(stream.Refused("pay-15", RejectionReasons.CurrencyMismatch, Advice("9100000015", "C-1", "10.00", "XYZ", "F-I1")));
        phaseOne.Add(stream.Refused("pay-16", RejectionReasons.MalformedPayload, "payment_id;customer_no;amount;currency;payment_date;invoices\nP-16;C-1;100,50;EUR;2026-11-22;F-I2", "legacy.payment-csv"));

        Invoice(Erp("9200000006"), "C-1", 300m);
        var receivables = new List<ServiceBusMessage>
        {
            LocalServiceBusForWorker.TextMessage("inv-6", "sap.open-item", Payloads.SapOpenItem("9200000006", "C-1", 300m, 300m)),
            stream.Refused("inv-7", RejectionReasons.MalformedPayload, Payloads.SapOpenItem("9200000007", "C-1", 100m, 99.999m), "sap.open-item"),

            // The invoice, its credit note and the credit note again under another message id (identical content).
            LocalServiceBusForWorker.TextMessage("inv-8a", "sap.open-item", Payloads.SapOpenItem(OvertakenDocument, "C-1", 1_234.5m, 1_234.5m)),
            LocalServiceBusForWorker.TextMessage("inv-8b", "sap.open-item", Payloads.SapOpenItem(OvertakenDocument, "C-1", 1_034.5m, 1_034.5m)),
            LocalServiceBusForWorker.TextMessage("inv-8c", "sap.open-item", Payloads.SapOpenItem(OvertakenDocument, "C-1", 1_034.5m, 1_034.5m)),
        };
        Invoice(Erp(OvertakenDocument), "C-1", 1_034.5m);
        Invoice(Erp("9200000004"), "C-2", 2_000m);
        var lateInvoice = LocalServiceBusForWorker.TextMessage("inv-4", "sap.open-item", Payloads.SapOpenItem("9200000004", "C-2", 2_000m, 2_000m));

        // A payment whose time to live runs out before any receiver takes it: Service Bus dead-letters it, nobody applies it.
        var expiring = stream.Refused("pay-17", "TTLExpiredException", Advice("9100000017", "C-1", "40.00", "EUR", "F-I2"));
        expiring.TimeToLive = TimeSpan.FromSeconds(1);
        await Bus.SendAsync(LocalBroker.PaymentsQueue, [expiring]);
        await Eventually.TrueAsync(() => Bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") == 1, TimeSpan.FromSeconds(30), "the expired payment dead-lettered");

        using var settled = new SettledMessages();
        _settled = settled;
        await using var worker = CreateWorker(settled, maxBatchSize: 20, transientFailurePause: "00:00:01");
        StartOnErpQueues(worker);
        await Task.WhenAll(Bus.SendAsync(LocalBroker.PaymentsQueue, phaseOne), Bus.SendAsync(LocalBroker.ReceivablesQueue, receivables));

        // The payment overtook its invoice: the worker delivers it again until the invoice is in, which is sent only now.
        await Eventually.TrueAsync(() => settled.LastAbandonReason("pay-4") is not null, TimeSpan.FromMinutes(2), "the payment before its invoice abandoned");
        Assert.Contains($"names invoice(s) {Erp("9200000004")} that customer C-2 does not have in Dataverse yet", settled.LastAbandonReason("pay-4"), StringComparison.Ordinal);
        await Bus.SendAsync(LocalBroker.ReceivablesQueue, [lateInvoice]);
        string[] brokerDeadLetters = ["pay-5", "pay-6", "pay-17"];
        await UntilSettledAsync(settled, [.. phaseOne, .. receivables, lateInvoice], TimeSpan.FromMinutes(5), brokerDeadLetters);

        // The older version was given back to Service Bus at least once (its writes failing while the credit note went in)
        // and completed on a later delivery as superseded: the invoice keeps the credit note's amount (asserted below).
        Assert.Contains("Dataverse answered 503", settled.LastAbandonReason("inv-8a"), StringComparison.Ordinal);

        // Phase two, after the originals are in: the same message id, and the same payment under another id, with changed content; an identical one.
        List<ServiceBusMessage> phaseTwo =
        [
            stream.Refused("pay-1", RejectionReasons.PostedPaymentChanged, Advice("9100000001", "C-1", "150.00", "EUR", "F-I1")),
            stream.Refused("pay-2c", RejectionReasons.PostedPaymentChanged, Advice("9100000002", "C-1", "222.00", "EUR", "F-I1")),
            Message("pay-3b", Advice("9100000003", "C-2", "1000.00", "EUR", "F-I3")),
            stream.Valid("pay-21", "9100000021", "C-1", 100m, Erp(OvertakenDocument)), // on the credit note's amount, after the older version was superseded
        ];
        await Bus.SendAsync(LocalBroker.PaymentsQueue, phaseTwo);
        await UntilSettledAsync(settled, [.. phaseTwo.Skip(1)], TimeSpan.FromMinutes(5), brokerDeadLetters);

        // The broker's own dead letters (pay-5, pay-6, pay-17) leave the queue only after MaxDeliveryCount deliveries,
        // a second apart; stopping the worker before then would leave them in the queue, not in its dead-letter queue.
        // Since session 23 a payment waiting for its invoice is rechecked within each delivery (Pump:RechecksPerDelivery),
        // so pay-5 takes about 70 s on a quiet machine: the wait allows for a loaded one.
        await Eventually.TrueAsync(() => Queues.All(queue => Bus.Server.CountOf(queue) == 0), TimeSpan.FromMinutes(4), "every queue drained, the broker's dead letters past MaxDeliveryCount");
        await worker.StopAsync();
        await Restarted;

        var drained = await Bus.DeadLettersAsync(Queues);
        var expected = new ExpectedLedger(deadLetters, payments, invoiceAmounts, invoiceCustomers, new Dictionary<string, decimal>())
        {
            UnappliedCash = new Dictionary<string, decimal> { ["C-1"] = 25m, ["C-2"] = 200m },
        };
        LedgerOutcome.Assert(Local, expected, accounts, Reasons(drained));

        // The reasons state the figures; the broker's dead letters carry the worker's last reason.
        Assert.Contains("names invoice(s) F-404 that customer C-1 does not have in Dataverse yet", (string)drained["pay-5"].ApplicationProperties[DeadLetterProperties.LastAbandonReason], StringComparison.Ordinal);
        Assert.Contains("503", (string)drained["pay-6"].ApplicationProperties[DeadLetterProperties.LastAbandonReason], StringComparison.Ordinal);
        Assert.Contains("was posted as 100.00; the ERP now says 150.00", drained["pay-1"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("was posted as 200.00; the ERP now says 222.00", drained["pay-2c"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("The payment SAP/1000-2026-9100000007 of 30.00 is in USD but account C-1 trades in EUR", drained["pay-7"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("amount 10.005 EUR has more decimals than EUR keeps in Dataverse (2)", drained["pay-9"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("value '100,50' is not a number", drained["pay-16"].DeadLetterErrorDescription, StringComparison.Ordinal);

        // Nothing silently dropped: every message id sent was completed by the worker or is in a dead-letter queue; the queues are empty.
        var unaccounted = phaseOne.Concat(receivables).Append(lateInvoice).Concat(phaseTwo).Append(expiring).Select(message => message.MessageId)
            .Where(id => !settled.IsAccounted(id) && !drained.ContainsKey(id)).Distinct().ToList(); // a lost answer: its effect is in the ledger above
        Assert.Empty(unaccounted);
        Assert.All(Queues, queue => Assert.Equal(0, Bus.Server.CountOf(queue)));
        Assert.Equal(["429", "503", "older version held back", "part 503", "restart after a batch", "restart during a batch"], _injected.Keys.Order(StringComparer.Ordinal));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{phaseOne.Count + receivables.Count + 1 + phaseTwo.Count + 1} messages: {payments.Count} payments applied once, {deadLetters.Count} dead-lettered with their reasons; {BatchRequests} $batch requests, faults injected: {string.Join(", ", _injected.Select(pair => $"{pair.Key} ×{pair.Value}"))}."));
    }

    /// <summary>
    /// Of the $batch requests: the 2nd is throttled (429, Retry-After 1 s), the 3rd fails with 503; during the 5th the local
    /// Service Bus is down for longer than the lock (4 s; the batch's lock renewals fail and its locks are lost, then the
    /// write commits and its completions fail); at the 7th it restarts 200 ms later, while that batch's answer and
    /// completions are on the way (<see cref="OnBatch"/>). One payment's $batch part fails once with 503; the poison payment's
    /// part always does; the overtaken invoice's first version fails until its credit note is in and it was given back once.
    /// </summary>
    private protected override WebApiResult? OnOtherRequest(WebApiRequest request)
    {
        if (request.Path.Contains(OvertakenDocument, StringComparison.Ordinal))
        {
            if (request.Body?.Contains(OvertakenAmount, StringComparison.Ordinal) == true
                && (Volatile.Read(ref _creditNoteSeen) == 0 || _settled?.LastAbandonReason("inv-8a") is null))
            {
                Injected("older version held back");
                return WebApiResult.Error(503, unchecked((int)0x80040216), "Injected: service unavailable for the invoice's first version.");
            }

            Interlocked.Exchange(ref _creditNoteSeen, 1);
        }

        if (request.Path.Contains(PoisonDocument, StringComparison.Ordinal)
            || (request.Path.Contains(FlakyDocument, StringComparison.Ordinal) && Interlocked.Increment(ref _flakyFailures) == 1))
        {
            Injected("part 503");
            return WebApiResult.Error(503, unchecked((int)0x80040216), "Injected: service unavailable for this operation.");
        }

        return null;
    }

    /// <summary>The faults of the numbered $batch requests, as <see cref="OnOtherRequest"/> says.</summary>
    private protected override WebApiResult? OnBatch(int number, WebApiRequest request)
    {
        switch (number)
        {
            case 2:
                Injected("429");
                return WebApiResult.Error(429, unchecked((int)0x80072322), "Injected: number of requests exceeded.", new Dictionary<string, string> { ["Retry-After"] = "1" });
            case 3:
                Injected("503");
                return WebApiResult.Error(503, unchecked((int)0x80040216), "Injected: service unavailable.");
            case 5:
                Injected("restart during a batch");
                StopDuring(TimeSpan.FromSeconds(4));
                return null;
            case 7:
                Injected("restart after a batch");
                RestartAfter(TimeSpan.FromMilliseconds(200));
                return null;
            default:
                return null;
        }
    }

    private void Injected(string fault) => _injected.AddOrUpdate(fault, 1, (_, count) => count + 1);
}
