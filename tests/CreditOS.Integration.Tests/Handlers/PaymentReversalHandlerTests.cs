using System.Globalization;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// Session 14: a payment reversal (<c>sap.payment-reversal</c> on the payments queue) through the worker's handlers and the
/// local Dataverse over HTTP with every plug-in, as the worker's application user. A reversal before its payment waits
/// (abandoned, its reason stated); after the payment it reopens the invoice by exactly what the payment applied and the
/// account follows; the same reversal again is completed with nothing changed; another reversal of the reversed payment and
/// the same reversal with another reason are dead-lettered with the figures; the ERP's open item after the bounce agrees.
/// </summary>
public sealed class PaymentReversalHandlerTests() : WorkerHandlerTestsBase("C-A")
{
    [Fact]
    public async Task ABouncedPayment_IsTakenBackOnce_AndWrongReversalsAreDeadLetteredWithTheFigures()
    {
        Assert.Equal(SettleKind.Complete, (await Invoice("9320000001", 1_000m, 1_000m, 5)).Kind);

        var early = await Reverse("9390000001", "9330000001", "bounced cheque");
        Assert.Equal(SettleKind.Abandon, early.Kind);
        Assert.Contains("is not posted in Dataverse (yet)", early.Reason + early.Description, StringComparison.Ordinal);

        Assert.Equal(SettleKind.Complete, (await Pay("9330000001", 600m, "9320000001")).Kind);
        Assert.Equal(SettleKind.Complete, (await Pay("9330000002", 100m, "9320000001")).Kind);
        Assert.Equal(SettleKind.Complete, (await Invoice("9320000001", 1_000m, 300m, 6)).Kind); // the ERP's open item after both
        await WaitForRescoringAsync();
        Assert.Equal(300m, Open("1000-2026-9320000001"));

        Assert.Equal(SettleKind.Complete, (await Reverse("9390000001", "9330000001", "bounced cheque", amount: 600m)).Kind);
        Assert.Equal(900m, Open("1000-2026-9320000001"));
        Assert.Equal(SettleKind.Complete, (await Reverse("9390000001", "9330000001", "bounced cheque", amount: 600m)).Kind); // redelivered
        Assert.Equal(900m, Open("1000-2026-9320000001"));

        var again = await Reverse("9390000002", "9330000001", "chargeback");
        Assert.Equal((SettleKind.DeadLetter, RejectionReasons.PaymentAlreadyReversed), (again.Kind, again.Reason));
        Assert.Contains("was reversed already by reversal 1000-2026-9390000001", again.Description, StringComparison.Ordinal);
        var changed = await Reverse("9390000001", "9330000001", "wrong posting");
        Assert.Equal((SettleKind.DeadLetter, RejectionReasons.PaymentReversalConflict), (changed.Kind, changed.Reason));
        var partial = await Reverse("9390000003", "9330000002", "bounced cheque", amount: 50m);
        Assert.Equal((SettleKind.DeadLetter, RejectionReasons.PaymentReversalConflict), (partial.Kind, partial.Reason));
        Assert.Contains("states 50.00 but payment SAP/1000-2026-9330000002 was posted as 100.00", partial.Description, StringComparison.Ordinal);

        // The ERP's open item after the bounce (open 900.00): what creditOS has; an older message is superseded.
        Assert.Equal(SettleKind.Complete, (await Invoice("9320000001", 1_000m, 900m, 7)).Kind);
        await WaitForRescoringAsync();
        Assert.Equal(900m, Open("1000-2026-9320000001"));
        var account = Local.Service.Retrieve(LocalDataverseOverHttp.AccountTable, Accounts["C-A"], new ColumnSet("cos_unappliedcash", "cos_openreceivables"));
        Assert.Equal(0m, account.GetAttributeValue<Money>("cos_unappliedcash")?.Value ?? 0m);
        Assert.Equal(900m, account.GetAttributeValue<Money>("cos_openreceivables")?.Value ?? 0m);
    }

    [Fact]
    public async Task AReversalIdUsedForASecondPayment_IsDeadLetteredNamingBoth_AndItsOwnRedeliveryStaysANoOp()
    {
        Assert.Equal(SettleKind.Complete, (await Invoice("9320000011", 1_000m, 1_000m, 5)).Kind);
        Assert.Equal(SettleKind.Complete, (await Pay("9330000011", 400m, "9320000011")).Kind);
        Assert.Equal(SettleKind.Complete, (await Pay("9330000012", 250m, "9320000011")).Kind);
        await WaitForRescoringAsync();
        Assert.Equal(350m, Open("1000-2026-9320000011"));
        Assert.Equal(SettleKind.Complete, (await Reverse("9390000011", "9330000011", "bounced cheque", amount: 400m)).Kind);
        Assert.Equal(750m, Open("1000-2026-9320000011"));

        // A faulty or replayed ERP stream: the reversal the ERP issued for 9330000011 now names 9330000012.
        var reused = await Reverse("9390000011", "9330000012", "bounced cheque");

        Assert.Equal((SettleKind.DeadLetter, RejectionReasons.ReversalIdInUse), (reused.Kind, reused.Reason));
        Assert.Contains("Reversal 1000-2026-9390000011 reversed payment SAP/1000-2026-9330000011 already", reused.Description, StringComparison.Ordinal);
        Assert.Contains("cannot reverse payment SAP/1000-2026-9330000012 too", reused.Description, StringComparison.Ordinal);
        Assert.Equal(750m, Open("1000-2026-9320000011"));
        Assert.Equal(SettleKind.Complete, (await Reverse("9390000011", "9330000011", "bounced cheque", amount: 400m)).Kind); // its own redelivery
        Assert.Equal(750m, Open("1000-2026-9320000011"));
        var account = Local.Service.Retrieve(LocalDataverseOverHttp.AccountTable, Accounts["C-A"], new ColumnSet("cos_openreceivables"));
        Assert.Equal(750m, account.GetAttributeValue<Money>("cos_openreceivables")?.Value ?? 0m);
    }

    private decimal Open(string erpId) =>
        Local.Service.RetrieveMultiple(new QueryExpression(LocalDataverseOverHttp.ReceivableTable)
        {
            ColumnSet = new ColumnSet("cos_openamount"),
            Criteria = { Conditions = { new ConditionExpression("cos_erpid", ConditionOperator.Equal, erpId) } },
        }).Entities.Single().GetAttributeValue<Money>("cos_openamount").Value;

    private async Task<SettleDecision> Invoice(string document, decimal amount, decimal open, long sequence) =>
        (await Worker.HandleAsync(QueueKind.Receivables, Payloads.Sequenced("sap.open-item", Payloads.SapOpenItem(document, "C-A", amount, open), sequence))).Single();

    private async Task<SettleDecision> Pay(string document, decimal amount, string invoiceDocument) =>
        (await Worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice(document, "C-A", amount, invoice: "1000-2026-" + invoiceDocument)))).Single();

    private async Task<SettleDecision> Reverse(string reversalDocument, string paymentDocument, string reason, decimal? amount = null) =>
        (await Worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-reversal", SapPaymentReversal(reversalDocument, paymentDocument, reason, amount)))).Single();

    internal static string SapPaymentReversal(string reversalDocument, string paymentDocument, string reason, decimal? amount = null, string customer = "C-A") =>
        $$$"""{"PaymentReversal":{"CompanyCode":"1000","FiscalYear":"2026","ReversalDocument":"{{{reversalDocument}}}","DocumentNumber":"{{{paymentDocument}}}","Customer":"{{{customer}}}","ReversalDate":"2026-11-25","Reason":"{{{reason}}}"{{{(amount is { } value ? ",\"Amount\":\"" + value.ToString("0.00", CultureInfo.InvariantCulture) + "\",\"Currency\":\"EUR\"" : string.Empty)}}}}}""";
}
