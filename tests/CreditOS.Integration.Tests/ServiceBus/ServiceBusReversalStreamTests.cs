using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Handlers;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit.Abstractions;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 14's stream through the official client, the local Service Bus (restarted once while a batch's answer is on the
/// way), the worker and the local Dataverse over HTTP with every plug-in: payments with their reversals on the payments
/// queue, one reversal sent before its payment, open items restating the invoices as the ERP holds them after the bounces,
/// then the ERP sending one reversal again under a new message id, the same reversal with another reason, a second reversal
/// of a reversed payment and a reversal of a payment that never comes. Every bounced payment is taken back once, the
/// invoices and the account end at the ERP ledger's figures, and each refused reversal is dead-lettered with its reason.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusReversalStreamTests(ITestOutputHelper output) : RestartedStreamTestsBase
{
    [Fact]
    public async Task BouncedPaymentsAreTakenBackOnce_RefusedReversalsAreDeadLetteredWithTheirReason_TheLedgerEqualsTheErps()
    {
        var account = Local.AddAccount("C-1");
        CreditPlugins.Register(Local.Dataverse);
        ServiceBusMessage[] invoices =
        [
            LocalServiceBusForWorker.TextMessage("inv-k1", "sap.open-item", Payloads.SapOpenItem("9510000001", "C-1", 1_000m, 1_000m)),
            LocalServiceBusForWorker.TextMessage("inv-k2", "sap.open-item", Payloads.SapOpenItem("9510000002", "C-1", 500m, 500m)),
        ];

        // The ERP: twenty payments of 10.00 on K-1, of which 3 and 7 bounce; 500.00 on K-2, which bounces; payment 30 (10.00
        // on K-1) whose reversal is sent before it, so K-1 ends at 1,000 − 18 × 10 = 820.00 and K-2 at 500.00.
        var wave = new List<ServiceBusMessage>();
        for (var index = 1; index <= 20; index++)
        {
            wave.Add(Payment("pay-" + index, Document(index), 10m, K1));
        }

        wave.Add(Payment("pay-k2", Document(50), 500m, K2));
        wave.Add(Reversal("rev-3", Reversal(3), Document(3), "bounced cheque", 10m));
        wave.Add(Reversal("rev-7", Reversal(7), Document(7), "chargeback", 10m));
        wave.Add(Reversal("rev-k2", Reversal(50), Document(50), "bounced cheque", 500m));
        wave.Add(Reversal("rev-30", Reversal(30), Document(30), "bounced cheque", 10m));
        wave.Add(Payment("pay-30", Document(30), 10m, K1));
        ServiceBusMessage[] openItems =
        [
            // The ERP's open items after the bounces (later broker sequence numbers: newer versions).
            LocalServiceBusForWorker.TextMessage("inv-k1-after", "sap.open-item", Payloads.SapOpenItem("9510000001", "C-1", 1_000m, 820m)),
            LocalServiceBusForWorker.TextMessage("inv-k2-after", "sap.open-item", Payloads.SapOpenItem("9510000002", "C-1", 500m, 500m)),
        ];

        using var settled = new SettledMessages();
        await using var worker = CreateWorker(settled, maxBatchSize: 10, transientFailurePause: "00:00:01");
        await Bus.SendAsync(LocalBroker.ReceivablesQueue, invoices);
        StartOnErpQueues(worker);
        await UntilSettledAsync(settled, invoices, TimeSpan.FromMinutes(2));
        await Bus.SendAsync(LocalBroker.PaymentsQueue, wave);
        await UntilSettledAsync(settled, wave, TimeSpan.FromMinutes(3));
        await Bus.SendAsync(LocalBroker.ReceivablesQueue, openItems);
        await UntilSettledAsync(settled, openItems, TimeSpan.FromMinutes(2));

        ServiceBusMessage[] again =
        [
            Reversal("rev-3-again", Reversal(3), Document(3), "bounced cheque", 10m),
            Reversal("rev-3-reason", Reversal(3), Document(3), "wrong posting", 10m),
            Reversal("rev-7-second", Reversal(77), Document(7), "bounced cheque", 10m),
            Reversal("rev-unknown", Reversal(99), Document(99), "bounced cheque", 10m),
        ];
        await Bus.SendAsync(LocalBroker.PaymentsQueue, again);
        await UntilSettledAsync(settled, again.Where(message => message.MessageId != "rev-unknown"), TimeSpan.FromMinutes(3));
        await worker.StopAsync();
        await Restarted;

        var drained = await Bus.DeadLettersAsync(Queues);
        Assert.Equal(
            new[] { "rev-3-reason", "rev-7-second", "rev-unknown" },
            drained.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(RejectionReasons.PaymentReversalConflict, drained["rev-3-reason"].DeadLetterReason);
        Assert.Contains("'bounced cheque'; the ERP now says dated 2026-11-25 for 'wrong posting'", drained["rev-3-reason"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Equal(RejectionReasons.PaymentAlreadyReversed, drained["rev-7-second"].DeadLetterReason);
        Assert.Contains("was reversed already by reversal 1000-2026-9800000007", drained["rev-7-second"].DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Equal("MaxDeliveryCountExceeded", drained["rev-unknown"].DeadLetterReason);
        Assert.Contains("is not posted in Dataverse (yet)", settled.LastAbandonReason("rev-unknown") ?? string.Empty, StringComparison.Ordinal);

        await WaitForRescoringAsync([account]);
        Assert.Equal(820m, Open(K1));
        Assert.Equal(500m, Open(K2));
        var row = Local.Service.Retrieve(LocalDataverseOverHttp.AccountTable, account, new ColumnSet("cos_openreceivables", "cos_unappliedcash"));
        Assert.Equal(1_320m, row.GetAttributeValue<Money>("cos_openreceivables").Value);
        Assert.Equal(0m, row.GetAttributeValue<Money>("cos_unappliedcash")?.Value ?? 0m);
        var reversed = Local.Service.RetrieveMultiple(new QueryExpression("cos_payment")
        {
            ColumnSet = new ColumnSet("cos_erpid"),
            Criteria = { Conditions = { new ConditionExpression("cos_reversalid", ConditionOperator.NotNull) } },
        }).Entities.Select(payment => payment.GetAttributeValue<string>("cos_erpid")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { Full(Document(3)), Full(Document(30)), Full(Document(50)), Full(Document(7)) }.Order(StringComparer.Ordinal).ToArray(), reversed);
        Assert.Equal(22, Local.Service.RetrieveMultiple(new QueryExpression("cos_payment") { ColumnSet = new ColumnSet(false) }).Entities.Count); // every payment kept
        Assert.All(Queues, queue => Assert.Equal(0, Bus.Server.CountOf(queue)));
        Assert.True(BatchRequests >= 2, $"the local Service Bus was to restart after the 2nd $batch; there were {BatchRequests}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{invoices.Length + wave.Count + openItems.Length + again.Length} messages; rev-30 before its payment: {(settled.LastAbandonReason("rev-30") is null ? "applied after it in one batch" : "waited")}; {BatchRequests} $batch requests."));
    }

    private const string K1 = "1000-2026-9510000001";
    private const string K2 = "1000-2026-9510000002";

    private decimal Open(string erpId) =>
        Local.Service.RetrieveMultiple(new QueryExpression(LocalDataverseOverHttp.ReceivableTable)
        {
            ColumnSet = new ColumnSet("cos_openamount"),
            Criteria = { Conditions = { new ConditionExpression("cos_erpid", ConditionOperator.Equal, erpId) } },
        }).Entities.Single().GetAttributeValue<Money>("cos_openamount").Value;

    private static string Document(int index) => "97" + index.ToString("D8", CultureInfo.InvariantCulture);

    private static string Reversal(int index) => "98" + index.ToString("D8", CultureInfo.InvariantCulture);

    private static string Full(string document) => "1000-2026-" + document;

    private static ServiceBusMessage Payment(string messageId, string document, decimal amount, string invoice) =>
        LocalServiceBusForWorker.TextMessage(messageId, "sap.payment-advice", Payloads.SapPaymentAdvice(document, "C-1", amount, invoice: invoice));

    private static ServiceBusMessage Reversal(string messageId, string reversalDocument, string paymentDocument, string reason, decimal amount) =>
        LocalServiceBusForWorker.TextMessage(messageId, "sap.payment-reversal", PaymentReversalHandlerTests.SapPaymentReversal(reversalDocument, paymentDocument, reason, amount, "C-1"));
}
