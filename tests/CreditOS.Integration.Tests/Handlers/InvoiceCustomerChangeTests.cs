using System.Globalization;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// The same ERP invoice id arriving with another customer number (audit round 3), through the worker's handlers and the
/// local Dataverse over HTTP with every plug-in. Before, the upsert moved the invoice, with the payment applied to it, to
/// the other account, and the first account's open receivables kept counting it: the invoice was in both customers'
/// exposure. Now the newer restatement is dead-lettered as <see cref="RejectionReasons.InvoiceCustomerChanged"/> naming both
/// customers and the figures, an older version naming the other customer is superseded (completed, nothing written), and
/// every balance equals the recomputation (<see cref="LedgerOutcome"/>).
/// </summary>
public sealed class InvoiceCustomerChangeTests() : WorkerHandlerTestsBase("C-A", "C-B")
{


    [Fact]
    public async Task InvoiceRestatedForAnotherCustomer_IsDeadLetteredWithBothCustomers_AndStaysWithItsOwnerAndItsPayment()
    {
        Assert.Equal(SettleKind.Complete, (await Invoice("9300000001", "C-A", 1_000m, 5)).Kind);
        Assert.Equal(SettleKind.Complete, (await Pay("9310000001", "C-A", 100m, "9300000001")).Kind);

        var moved = await Invoice("9300000001", "C-B", 1_000m, 6);
        Assert.Equal(SettleKind.Complete, (await Invoice("9300000002", "C-A", 400m, 9)).Kind);
        var olderForB = await Invoice("9300000002", "C-B", 500m, 7);
        var newerForB = await Invoice("9300000002", "C-B", 500m, 10);

        Assert.Equal(SettleKind.DeadLetter, moved.Kind);
        Assert.Equal(RejectionReasons.InvoiceCustomerChanged, moved.Reason);
        Assert.Contains("Invoice 1000-2026-9300000001 belongs to customer C-A (amount 1000.00, open 900.00); this write names customer C-B with amount 1000.00", moved.Description, StringComparison.Ordinal);
        Assert.Contains("(message customer C-B, amount 1000.00 EUR)", moved.Description, StringComparison.Ordinal);
        Assert.Equal(SettleKind.Complete, olderForB.Kind); // superseded: the ERP's newer word (for C-A) is in
        Assert.Equal(RejectionReasons.InvoiceCustomerChanged, newerForB.Reason);
        await WaitForRescoringAsync();
        AssertLedger(
            new Dictionary<string, (decimal, string)> { ["1000-2026-9300000001"] = (1_000m, "C-A"), ["1000-2026-9300000002"] = (400m, "C-A") },
            new Dictionary<string, (decimal, string)> { ["1000-2026-9310000001"] = (100m, "1000-2026-9300000001") });
    }

    [Fact]
    public async Task PaymentNamingAnotherCustomersInvoice_IsDeadLetteredAtOnceWithBothCustomers_WhileOneWhoseInvoiceIsStillOnItsWayWaitsForIt()
    {
        Assert.Equal(SettleKind.Complete, (await Invoice("9300000003", "C-B", 500m, 11)).Kind);

        var foreign = await Pay("9310000003", "C-A", 200m, "9300000003");
        var early = await Pay("9310000004", "C-A", 50m, "9300000004");

        // Before, both were abandoned: the first would come back MaxDeliveryCount times for an invoice that never becomes C-A's.
        Assert.Equal(SettleKind.DeadLetter, foreign.Kind);
        Assert.Equal(RejectionReasons.InvoiceOfAnotherCustomer, foreign.Reason);
        Assert.Contains("Payment SAP/1000-2026-9310000003 of 200 EUR from customer C-A names invoice(s) of another customer: 1000-2026-9300000003 (amount 500.00, open 500.00) is customer C-B's.", foreign.Description, StringComparison.Ordinal);
        Assert.Equal(SettleKind.Abandon, early.Kind);
        await WaitForRescoringAsync();
        AssertLedger(new Dictionary<string, (decimal, string)> { ["1000-2026-9300000003"] = (500m, "C-B") }, new Dictionary<string, (decimal, string)>());
    }

    private async Task<SettleDecision> Invoice(string document, string customer, decimal amount, long sequence) =>
        (await Worker.HandleAsync(QueueKind.Receivables, Payloads.Sequenced("sap.open-item", Payloads.SapOpenItem(document, customer, amount, amount), sequence))).Single();

    private async Task<SettleDecision> Pay(string document, string customer, decimal amount, string invoiceDocument) =>
        (await Worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", Payloads.SapPaymentAdvice(document, customer, amount, invoice: "1000-2026-" + invoiceDocument)))).Single();

    private void AssertLedger(Dictionary<string, (decimal Amount, string Customer)> invoices, Dictionary<string, (decimal, string)> payments)
    {
        var expected = new ExpectedLedger(
            new Dictionary<string, string>(StringComparer.Ordinal),
            payments,
            invoices.ToDictionary(pair => pair.Key, pair => pair.Value.Amount, StringComparer.Ordinal),
            invoices.ToDictionary(pair => pair.Key, pair => pair.Value.Customer, StringComparer.Ordinal),
            new Dictionary<string, decimal>());
        LedgerOutcome.Assert(Local, expected, Accounts, new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
