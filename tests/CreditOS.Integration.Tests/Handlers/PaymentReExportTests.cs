using System.Globalization;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Transport;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Integration.Tests.Handlers;

/// <summary>
/// The same ERP payment sent again under a new message id (audit round 4), through the worker's handlers and the local
/// Dataverse over HTTP with every plug-in. A posted payment is immutable, so a re-export must restate it or be a conflict:
/// before, a re-export with another value date was completed as a redelivery (neither the worker's read-back nor the
/// server's guard compared the payment date, though the posting settled its invoice on that date with its days late), and
/// one naming its invoice in another letter case was dead-lettered as changed although Dataverse matches invoice numbers
/// without case and applied it to the same invoice. Two receivers writing the same payment at once (a lock that expired
/// during a slow write, redelivered to another receiver) apply it once; with different content, one of them is the conflict.
/// Every balance equals the recomputation (<see cref="LedgerOutcome"/>).
/// </summary>
public sealed class PaymentReExportTests() : WorkerHandlerTestsBase("C-A")
{


    [Fact]
    public async Task PaymentReExportedWithAnotherValueDate_IsAConflictNamingBothDates_NotARedelivery()
    {
        CreditPlugins.AddOpenInvoice(Local.Service, Accounts["C-A"], Local.Euro, "K-1", 1_000m);
        var advice = Payloads.SapPaymentAdvice("9410000001", "C-A", 400m, invoice: "K-1");
        Assert.Equal(SettleKind.Complete, (await Handle(advice)).Kind);

        var same = await Handle(advice);
        var redated = await Handle(advice.Replace("2026-11-20", "2026-11-27", StringComparison.Ordinal));

        Assert.Equal(SettleKind.Complete, same.Kind);
        Assert.Equal(SettleKind.DeadLetter, redated.Kind);
        Assert.Equal(RejectionReasons.PostedPaymentChanged, redated.Reason);
        Assert.Contains("Payment SAP/1000-2026-9410000001 was posted dated 2026-11-20; the ERP now says 2026-11-27", redated.Description, StringComparison.Ordinal);
        await AssertLedgerAsync(new Dictionary<string, decimal> { ["K-1"] = 1_000m }, new Dictionary<string, (decimal, string)> { ["1000-2026-9410000001"] = (400m, "K-1") });
    }

    [Fact]
    public async Task PaymentReExportedNamingItsInvoiceInAnotherLetterCase_IsTheSamePayment_NotAConflict()
    {
        CreditPlugins.AddOpenInvoice(Local.Service, Accounts["C-A"], Local.Euro, "INV-A7", 500m);
        Assert.Equal(SettleKind.Complete, (await Handle(Payloads.SapPaymentAdvice("9410000002", "C-A", 200m, invoice: "INV-A7"))).Kind);

        // Dataverse matches invoice numbers without regard to case: the posting applied "inv-a7" to INV-A7, and so would this.
        var lower = await Handle(Payloads.SapPaymentAdvice("9410000002", "C-A", 200m, invoice: "inv-a7"));
        var other = await Handle(Payloads.SapPaymentAdvice("9410000002", "C-A", 200m, invoice: "INV-A8"));

        Assert.Equal(SettleKind.Complete, lower.Kind);
        Assert.Equal(RejectionReasons.PostedPaymentChanged, other.Reason);
        Assert.Contains("was applied to invoice(s) INV-A7; the ERP now names INV-A8", other.Description, StringComparison.Ordinal);
        await AssertLedgerAsync(new Dictionary<string, decimal> { ["INV-A7"] = 500m }, new Dictionary<string, (decimal, string)> { ["1000-2026-9410000002"] = (200m, "INV-A7") });
    }

    [Fact]
    public async Task ThePaymentWrittenByTwoReceiversAtOnce_IsAppliedOnce_AndWithOtherContentOneOfThemIsTheConflict()
    {
        CreditPlugins.AddOpenInvoice(Local.Service, Accounts["C-A"], Local.Euro, "K-2", 1_000m);
        CreditPlugins.AddOpenInvoice(Local.Service, Accounts["C-A"], Local.Euro, "K-3", 1_000m);

        // Its lock expired during the first receiver's write, so Service Bus handed it to a second one meanwhile.
        var twice = await Task.WhenAll(Handle(Payloads.SapPaymentAdvice("9410000003", "C-A", 300m, invoice: "K-2")), Handle(Payloads.SapPaymentAdvice("9410000003", "C-A", 300m, invoice: "K-2")));

        // The ERP re-exported it with another amount while the first export was being written.
        var changed = await Task.WhenAll(Handle(Payloads.SapPaymentAdvice("9410000004", "C-A", 100m, invoice: "K-3")), Handle(Payloads.SapPaymentAdvice("9410000004", "C-A", 700m, invoice: "K-3")));

        Assert.All(twice, decision => Assert.Equal(SettleKind.Complete, decision.Kind));
        Assert.Single(changed, decision => decision.Kind == SettleKind.Complete);
        var conflict = Assert.Single(changed, decision => decision.Kind == SettleKind.DeadLetter);
        Assert.Equal(RejectionReasons.PostedPaymentChanged, conflict.Reason);
        var posted = changed[0].Kind == SettleKind.Complete ? 100m : 700m;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"was posted as {posted:0.00}; the ERP now says {(posted == 100m ? 700m : 100m):0.00}"), conflict.Description, StringComparison.Ordinal);
        await AssertLedgerAsync(
            new Dictionary<string, decimal> { ["K-2"] = 1_000m, ["K-3"] = 1_000m },
            new Dictionary<string, (decimal, string)> { ["1000-2026-9410000003"] = (300m, "K-2"), ["1000-2026-9410000004"] = (posted, "K-3") });
    }

    [Fact]
    public async Task InvoiceIdsWithASeparatorOfAppliedInvoices_AreRefusedWhereTheyEnter_NeverWrittenUnpayableNorSplitIntoOtherInvoices()
    {
        CreditPlugins.AddOpenInvoice(Local.Service, Accounts["C-A"], Local.Euro, "K-4", 1_000m);
        CreditPlugins.AddOpenInvoice(Local.Service, Accounts["C-A"], Local.Euro, "K-5", 1_000m);

        // Before: "L 7" was written, and every payment naming it was refused as naming "L" and "7"; "K-4,K-5" in one
        // reference was applied to K-4 and K-5, two invoices the ERP did not name.
        var spaced = (await Worker.HandleAsync(QueueKind.Receivables, Payloads.Inbound("legacy.receivable-csv", Payloads.LegacyReceivableCsv("L 7", "C-A", 300m, 300m)))).Single();
        var joined = await Handle(Payloads.SapPaymentAdvice("9410000005", "C-A", 600m, invoice: "K-4,K-5"));
        var csv = (await Worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("legacy.payment-csv", "payment_id;customer_no;amount;currency;payment_date;invoices\nP-S1;C-A;50.00;EUR;2026-11-22;K-4|L 7"))).Single();

        Assert.Equal(RejectionReasons.UnnameableInvoiceId, spaced.Reason);
        Assert.Contains("The ERP invoice id of LEGACY 'L 7' contains a space, which separates invoices", spaced.Description, StringComparison.Ordinal);
        Assert.Equal(RejectionReasons.UnnameableInvoiceId, joined.Reason);
        Assert.Contains("invoice named by payment SAP/1000-2026-9410000005 'K-4,K-5' contains ','", joined.Description, StringComparison.Ordinal);
        Assert.Equal(RejectionReasons.UnnameableInvoiceId, csv.Reason);
        Assert.Contains("'L 7' contains a space", csv.Description, StringComparison.Ordinal);
        await AssertLedgerAsync(new Dictionary<string, decimal> { ["K-4"] = 1_000m, ["K-5"] = 1_000m }, new Dictionary<string, (decimal, string)>());
    }

    private async Task<SettleDecision> Handle(string advice) =>
        (await Worker.HandleAsync(QueueKind.Payments, Payloads.Inbound("sap.payment-advice", advice))).Single();

    private async Task AssertLedgerAsync(Dictionary<string, decimal> invoices, Dictionary<string, (decimal, string)> payments)
    {
        await WaitForRescoringAsync();

        var expected = new ExpectedLedger(
            new Dictionary<string, string>(StringComparer.Ordinal),
            payments,
            invoices,
            invoices.ToDictionary(pair => pair.Key, _ => "C-A", StringComparer.Ordinal),
            new Dictionary<string, decimal>())
        {
            UnappliedCash = new Dictionary<string, decimal> { ["C-A"] = 0m },
        };
        LedgerOutcome.Assert(Local, expected, Accounts, new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
