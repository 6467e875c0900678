using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// Session 13: an invoice whose first message states less open than its amount (the ERP applied the payment before it
/// exported the invoice), through the worker's handlers and the local Dataverse over HTTP with every plug-in (the
/// receivable's upsert creating it). The payment comes first and waits (abandoned), the invoice comes, the payment is
/// delivered again: the payment is applied once, the invoice keeps the ERP's open figure, nothing is free cash. Before,
/// the invoice ended at 400.00 open for the ERP's 700.00.
/// </summary>
public sealed class InvoiceAfterItsPaymentHandlerTests() : WorkerHandlerTestsBase("C-A")
{
    [Fact]
    public async Task ThePaymentTheErpCounted_ArrivingBeforeItsInvoice_IsAppliedOnce()
    {
        Assert.Equal(SettleKind.Abandon, (await Pay("9330000001", 300m, "9320000001")).Kind);
        Assert.Equal(SettleKind.Complete, (await Invoice("9320000001", 1_000m, 700m, 5)).Kind);
        Assert.Equal(SettleKind.Complete, (await Pay("9330000001", 300m, "9320000001")).Kind);
        Assert.Equal(SettleKind.Complete, (await Invoice("9320000001", 1_000m, 700m, 5)).Kind); // redelivered
        await WaitForRescoringAsync();

        var invoice = Local.Service.RetrieveMultiple(new QueryExpression(LocalDataverseOverHttp.ReceivableTable)
        {
            ColumnSet = new ColumnSet("cos_openamount"),
            Criteria = { Conditions = { new ConditionExpression("cos_erpid", ConditionOperator.Equal, "1000-2026-9320000001") } },
        }).Entities.Single();
        Assert.Equal(700m, invoice.GetAttributeValue<Money>("cos_openamount").Value);
        var account = Local.Service.Retrieve(LocalDataverseOverHttp.AccountTable, Accounts["C-A"], new ColumnSet("cos_unappliedcash", "cos_openreceivables"));
        Assert.Equal(0m, account.GetAttributeValue<Money>("cos_unappliedcash")?.Value ?? 0m);
        Assert.Equal(700m, account.GetAttributeValue<Money>("cos_openreceivables")?.Value ?? 0m);
    }

    private async Task<SettleDecision> Invoice(string document, decimal amount, decimal open, long sequence) =>
        (await Worker.HandleAsync(QueueKind.Receivables, Payloads.Sequenced("sap.open-item", Payloads.SapOpenItem(document, "C-A", amount, open), sequence))).Single();

    private async Task<SettleDecision> Pay(string document, decimal amount, string invoiceDocument) =>
        (await Worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice(document, "C-A", amount, invoice: "1000-2026-" + invoiceDocument)))).Single();
}
