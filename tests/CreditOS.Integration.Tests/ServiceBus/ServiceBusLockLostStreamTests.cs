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
/// Session 21's faulty stream through the official client, the local Service Bus (lock 3 s, MaxDeliveryCount 5), the worker
/// and the local Dataverse over HTTP with every plug-in, with broker restarts drawn from the seed among the $batch requests:
/// one while a $batch is in Dataverse (the broker down 1.5 s, so the write commits after the batch's receive link died and
/// every completion of that batch is refused MessageLockLost; the messages come back once their locks run out, DeliveryCount
/// one higher, and are completed as already written) and up to two between a $batch's commit and its settlement.
/// The stream: valid payments in bulk; the same message id with the same body (once) and later with another amount
/// (PostedPaymentChanged); the same ERP payment under another message id with another amount (PostedPaymentChanged); a
/// payment before its invoice (applied once the invoice is in); a payment naming an invoice that never comes (Service Bus
/// dead-letters it at MaxDeliveryCount with the worker's last reason); a body that is not JSON, a wrong schema version (an
/// unknown subject), a missing required field, an amount with 5 decimals, a negative amount, a currency other than the
/// account's, a customer Dataverse does not know (dead-lettered UnknownCustomer; once the customer's account exists, the
/// dead letter resubmitted as its description says is applied once); a message larger than the entity allows (refused to
/// the sender, never enqueued); a message whose time to live ran out (TTLExpiredException). Then every balance equals the
/// recomputation from the messages (<see cref="LedgerOutcome"/>: each valid payment one row with its first amount, each
/// invoice's open amount its amount less its payments, each account's open receivables the sum of its invoices' and its
/// unapplied cash what its payments left over), every dead letter has its reason and a description stating its figures,
/// and every message sent is completed or dead-lettered.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusLockLostStreamTests(ITestOutputHelper output) : ServiceBusStreamTestsBase(TimeSpan.FromSeconds(3), DeliveryLimit)
{
    private const int DeliveryLimit = 5;
    private readonly List<string> _restarts = [];
    private Dictionary<int, bool> _schedule = [];

    /// <summary>CI's seeds; <c>CREDITOS_LOCKLOST_SEEDS</c> (comma-separated) replaces them, for runs over many seeds (session 23).</summary>
    public static TheoryData<int> Seeds() => EnvironmentSeeds.Of("CREDITOS_LOCKLOST_SEEDS", 21001, 21002);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Restarts_mid_batch_and_between_commit_and_settlement_never_apply_money_twice_and_poison_is_dead_lettered_with_its_figures(int seed)
    {
        var random = new Random(seed);
        // One restart during a $batch (its completions are refused for a lost lock), up to two after one, at drawn $batch requests.
        var points = Enumerable.Range(2, 12).OrderBy(_ => random.Next()).Take(1 + random.Next(3)).Order().ToList();
        _schedule = points.Select((point, index) => (point, during: index == 0)).ToDictionary(pair => pair.point, pair => pair.during);

        var accounts = new Dictionary<string, Guid>(StringComparer.Ordinal)
        {
            ["C-1"] = Local.AddAccount("C-1"),
            ["C-2"] = Local.AddAccount("C-2"),
            ["C-3"] = Local.AddAccount("C-3", Local.Dollar),
        };
        CreditPlugins.Register(Local.Dataverse);
        var invoiceAmounts = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["G-1"] = 1_000m, ["G-2"] = 800m, ["G-3"] = 700m };
        var invoiceCustomers = new Dictionary<string, string>(StringComparer.Ordinal) { ["G-1"] = "C-1", ["G-2"] = "C-2", ["G-3"] = "C-3" };
        foreach (var (invoice, customer) in invoiceCustomers)
        {
            CreditPlugins.AddOpenInvoice(Local.Service, accounts[customer], customer == "C-3" ? Local.Dollar : Local.Euro, invoice, invoiceAmounts[invoice]);
        }

        var stream = new SapAdviceStream();
        var payments = stream.Payments;
        var deadLetters = stream.DeadLetters;

        var phaseOne = new List<ServiceBusMessage>();
        for (var index = 1; index <= 30; index++)
        {
            var number = index.ToString("D8", CultureInfo.InvariantCulture);
            phaseOne.Add(stream.Valid("bulk-a" + number, "81" + number, "C-1", 5m, "G-1"));
            phaseOne.Add(stream.Valid("bulk-b" + number, "82" + number, "C-3", 4m, "G-3", "USD"));
            if (index == 15)
            {
                phaseOne.Add(stream.Valid("pay-a", "8000000001", "C-1", 100m, "G-1"));
                phaseOne.Add(Message("pay-a", Advice("8000000001", "C-1", "100.00", "EUR", "G-1"))); // the same id, the same body
                phaseOne.Add(stream.Valid("pay-b", "8000000002", "C-2", 200m, "G-2"));
                phaseOne.Add(stream.Valid("pay-c", "8000000003", "C-1", 300m, "G-1"));
                phaseOne.Add(stream.Valid("pay-late", "8000000004", "C-2", 600m, Erp("8900000001"))); // its invoice is sent only later
                phaseOne.Add(stream.Refused("pay-never", "MaxDeliveryCountExceeded", Advice("8000000005", "C-1", "50.00", "EUR", "G-404")));
                phaseOne.Add(stream.Refused("bad-json", RejectionReasons.MalformedPayload, "PAYMENT 8000000006 C-1 10.00 EUR"));
                phaseOne.Add(stream.Refused("bad-version", RejectionReasons.UnknownFormat, Advice("8000000007", "C-1", "10.00", "EUR", "G-1"), "sap.payment-advice.v2"));
                phaseOne.Add(stream.Refused("bad-missing", RejectionReasons.MalformedPayload, Advice("8000000008", "C-1", "10.00", "EUR", "G-1").Replace(",\"Currency\":\"EUR\"", string.Empty, StringComparison.Ordinal)));
                phaseOne.Add(stream.Refused("bad-5dec", RejectionReasons.MalformedPayload, Advice("8000000009", "C-1", "10.12345", "EUR", "G-1")));
                phaseOne.Add(stream.Refused("bad-negative", RejectionReasons.NonPositiveAmount, Advice("8000000010", "C-1", "-75.50", "EUR", "G-1")));
                phaseOne.Add(stream.Refused("bad-currency", RejectionReasons.CurrencyMismatch, Advice("8000000011", "C-1", "30.00", "USD", "G-1")));
                phaseOne.Add(stream.Refused("bad-customer", RejectionReasons.UnknownCustomer, Advice("8000000012", "C-9", "70.00", "EUR", invoice: null)));
            }
        }

        // Larger than the entity allows (256 KB, Service Bus Standard): refused to the sender, never enqueued, never applied.
        var huge = Message("pay-huge", Advice("8000000013", "C-1", "10.00", "EUR", "G-1").Replace("\"G-1\"}", "\"G-1\",\"Note\":\"" + new string('x', 300 * 1024) + "\"}", StringComparison.Ordinal));
        var tooLarge = await Assert.ThrowsAsync<ServiceBusException>(() => Bus.SendAsync(LocalBroker.PaymentsQueue, [huge]));
        Assert.Equal(ServiceBusFailureReason.MessageSizeExceeded, tooLarge.Reason);
        Assert.Equal(0, Bus.Server.CountOf(LocalBroker.PaymentsQueue));

        // A payment whose time to live runs out before any receiver takes it.
        var expiring = stream.Refused("pay-ttl", "TTLExpiredException", Advice("8000000014", "C-1", "40.00", "EUR", "G-1"));
        expiring.TimeToLive = TimeSpan.FromSeconds(1);
        await Bus.SendAsync(LocalBroker.PaymentsQueue, [expiring]);
        await Eventually.TrueAsync(() => Bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") == 1, TimeSpan.FromSeconds(30), "the expired payment dead-lettered");

        using var settled = new SettledMessages();
        await using var worker = CreateWorker(settled, maxBatchSize: 10, transientFailurePause: "00:00:00.500");
        StartOnErpQueues(worker);
        await Bus.SendAsync(LocalBroker.PaymentsQueue, phaseOne);

        await Eventually.TrueAsync(() => settled.LastAbandonReason("pay-late") is not null, TimeSpan.FromMinutes(2), "the payment before its invoice abandoned");
        invoiceAmounts[Erp("8900000001")] = 2_000m;
        invoiceCustomers[Erp("8900000001")] = "C-2";
        var lateInvoice = LocalServiceBusForWorker.TextMessage("inv-late", "sap.open-item", Payloads.SapOpenItem("8900000001", "C-2", 2_000m, 2_000m));
        await Bus.SendAsync(LocalBroker.ReceivablesQueue, [lateInvoice]);
        string[] brokerDeadLetters = ["pay-never", "pay-ttl"];
        await UntilSettledAsync(settled, [.. phaseOne, lateInvoice], TimeSpan.FromMinutes(4), brokerDeadLetters);

        // Phase two, once the originals are in: the same message id with another amount, the same ERP payment under another id
        // with another amount (each a conflict, never an overwrite), and the same payment again under a third id, identical.
        ServiceBusMessage[] phaseTwo =
        [
            stream.Refused("pay-b", RejectionReasons.PostedPaymentChanged, Advice("8000000002", "C-2", "250.00", "EUR", "G-2")),
            stream.Refused("pay-c2", RejectionReasons.PostedPaymentChanged, Advice("8000000003", "C-1", "333.00", "EUR", "G-1")),
            Message("pay-a3", Advice("8000000001", "C-1", "100.00", "EUR", "G-1")),
        ];
        await Bus.SendAsync(LocalBroker.PaymentsQueue, phaseTwo);
        await UntilSettledAsync(settled, phaseTwo, TimeSpan.FromMinutes(4), brokerDeadLetters);
        await Eventually.TrueAsync(() => Bus.HoldsNothing(Queues), TimeSpan.FromMinutes(2), "every queue drained, the broker's dead letters past MaxDeliveryCount");
        await Restarted;
        var drained = await Bus.DeadLettersAsync(Queues);

        // The unknown customer's account arrives; its payment, resubmitted from the dead-letter queue as the description says, applies once.
        accounts["C-9"] = Local.AddAccount("C-9");
        payments[Erp("8000000012")] = (70m, string.Empty);
        var resubmitted = LocalServiceBusForWorker.TextMessage("bad-customer-resubmitted", "sap.payment-advice", drained["bad-customer"].Body.ToString());
        await Bus.SendAsync(LocalBroker.PaymentsQueue, [resubmitted]);
        await UntilSettledAsync(settled, [resubmitted], TimeSpan.FromMinutes(4), brokerDeadLetters);
        await worker.StopAsync();
        await Restarted;

        var expected = new ExpectedLedger(deadLetters, payments, invoiceAmounts, invoiceCustomers, new Dictionary<string, decimal>())
        {
            UnappliedCash = new Dictionary<string, decimal> { ["C-1"] = 0m, ["C-2"] = 0m, ["C-3"] = 0m, ["C-9"] = 70m },
        };
        await Local.WaitForOpenReceivablesToSettleAsync(accounts.Values);
        LedgerOutcome.Assert(Local, expected, accounts, Reasons(drained));

        // Each dead letter states its figures; the broker's carry the worker's last reason.
        string Description(string id) => drained[id].DeadLetterErrorDescription ?? string.Empty;
        Assert.Contains("names invoice(s) G-404 that customer C-1 does not have in Dataverse yet", (string)drained["pay-never"].ApplicationProperties[DeadLetterProperties.LastAbandonReason], StringComparison.Ordinal);
        Assert.Equal($"Message could not be consumed after {DeliveryLimit} delivery attempts.", Description("pay-never"));
        Assert.Contains("was posted as 200.00; the ERP now says 250.00", Description("pay-b"), StringComparison.Ordinal);
        Assert.Contains("was posted as 300.00; the ERP now says 333.00", Description("pay-c2"), StringComparison.Ordinal);
        Assert.Contains("Message subject 'sap.payment-advice.v2' names no known format", Description("bad-version"), StringComparison.Ordinal);
        Assert.Contains("10.12345 EUR has more decimals than EUR keeps in Dataverse (2)", Description("bad-5dec"), StringComparison.Ordinal);
        Assert.Contains("-75.50", Description("bad-negative"), StringComparison.Ordinal);
        Assert.Contains("of 30.00 is in USD but account C-1 trades in EUR", Description("bad-currency"), StringComparison.Ordinal);
        Assert.Contains("No account has customer number 'C-9'", Description("bad-customer"), StringComparison.Ordinal);
        Assert.Contains("Currency", Description("bad-missing"), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("sap.payment-advice: ", Description("bad-json"), StringComparison.Ordinal);
        Assert.Equal("TTLExpiredException", drained["pay-ttl"].DeadLetterReason);

        // Nothing silently dropped; the restart during a batch made its completions fail, and those messages were handled again.
        var sent = phaseOne.Append(lateInvoice).Concat(phaseTwo).Append(expiring).Append(resubmitted).Select(message => message.MessageId).Distinct().ToList();
        Assert.DoesNotContain(sent, id => !settled.IsAccounted(id) && !drained.ContainsKey(id)); // a lost answer: its effect is in the ledger above
        Assert.All(Queues, queue => Assert.Equal(0, Bus.Server.CountOf(queue)));
        Assert.Contains(_restarts, restart => restart.StartsWith("during", StringComparison.Ordinal));
        var refused = sent.Count(settled.SettlementFailed);
        Assert.True(refused > 0, "the restart during a $batch should have left that batch's completions refused (a lost lock)");
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"seed {seed}: {sent.Count} messages, {payments.Count} payments applied once, {deadLetters.Count} dead-lettered with their reasons; {BatchRequests} $batch requests; restarts: {string.Join(", ", _restarts)}; {refused} messages whose settlement failed and came back; pay-late (before its invoice) last abandoned at delivery {settled.AbandonedAtDelivery("pay-late")} of {DeliveryLimit}{(settled.SettlementFailed("pay-late") ? ", a settlement of it refused" : string.Empty)}."));
    }

    /// <summary>
    /// At the drawn $batch requests: "during" stops the broker while the request is in Dataverse and starts it again 1.5 s
    /// later, before the write goes on (the batch's receive link is gone by the time it settles); "after" restarts it 0–300 ms
    /// after the request arrived, while its answer and completions are on the way.
    /// </summary>
    private protected override WebApiResult? OnBatch(int number, WebApiRequest request)
    {
        if (!_schedule.TryGetValue(number, out var during))
        {
            return null;
        }

        lock (_restarts)
        {
            _restarts.Add($"{(during ? "during" : "after")} $batch {number}");
        }

        if (during)
        {
            StopDuring(TimeSpan.FromSeconds(1.5));
        }
        else
        {
            RestartAfter(TimeSpan.FromMilliseconds(number * 37 % 300));
        }

        return null;
    }
}
