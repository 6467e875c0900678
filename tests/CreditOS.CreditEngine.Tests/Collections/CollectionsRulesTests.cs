using CreditOS.CreditEngine.Collections;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Tests.Collections;

/// <summary>The worklist ranking and next action, promise keeping and breaking, collector assignment rules.</summary>
public sealed class CollectionsRulesTests
{
    private static readonly DateTime Today = new(2026, 6, 1);

    private static InvoicePaymentPrediction Prediction(double probability, double daysLate, int daysPastDue = 0, bool disputed = false) =>
        new(probability, daysLate, 5, 0.5, 10, 5, 0, disputed, daysPastDue);

    [Fact]
    public void TheWorklist_RanksByProbabilityTimesOpenAmountTimesExpectedDaysLate()
    {
        var small = new WorklistInvoice("A-1", "A", "Alpha", Today.AddDays(10), 10_000m, false, Prediction(0.9, 10));
        var large = new WorklistInvoice("B-1", "B", "Beta", Today.AddDays(10), 100_000m, false, Prediction(0.2, 10));
        var overdue = new WorklistInvoice("C-1", "C", "Gamma", Today.AddDays(-40), 5_000m, false, Prediction(1, 40, daysPastDue: 40));

        var list = CollectionsWorklist.Build([small, large, overdue], Today);

        // A tie goes to the earlier due date.
        Assert.Equal(["C-1", "B-1", "A-1"], list.Select(e => e.Invoice.InvoiceId).ToArray());
        Assert.Equal([200_000m, 200_000m, 90_000m], list.Select(e => e.ExpectedLateAmount).ToArray());
        Assert.Equal(CollectionAction.Call, list[0].NextAction);
        Assert.Equal(Today, list[0].NextActionDue);
        Assert.Equal(CollectionAction.PreDueReminder, list[2].NextAction);
        Assert.Equal(Today.AddDays(5), list[2].NextActionDue);
        Assert.StartsWith("overdue (due " + Today.AddDays(-40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "); 5 of 10 earlier invoices paid late", list[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ADisputeComesFirst_ThenAnOpenPromise_ThenMonitoringAnOnTimePayer()
    {
        var disputed = new WorklistInvoice("D", "A", "Alpha", Today.AddDays(-3), 1m, true, Prediction(1, 10, 3, disputed: true), Today.AddDays(4));
        var promised = new WorklistInvoice("P", "A", "Alpha", Today.AddDays(-3), 1m, false, Prediction(1, 10, 3), Today.AddDays(4));
        var onTime = new WorklistInvoice("T", "A", "Alpha", Today.AddDays(20), 1m, false, Prediction(0.1, 10));

        Assert.Equal(new NextCollectionAction(CollectionAction.ResolveDispute, Today), CollectionsWorklist.NextAction(disputed, Today));
        Assert.Equal(new NextCollectionAction(CollectionAction.CheckPromise, Today.AddDays(5)), CollectionsWorklist.NextAction(promised, Today));
        Assert.Equal(new NextCollectionAction(CollectionAction.Monitor, Today.AddDays(21)), CollectionsWorklist.NextAction(onTime, Today));
    }

    [Fact]
    public void AnInvoiceAwaitingAnErpResync_IsNotChased_WhateverElseHolds_UntilTheFlagIsCleared()
    {
        // Overdue and likely late (would be a call), disputed (would be the dispute) and under an open promise: while the ERP
        // must first correct its figures, the one action is to have it re-sent and cleared, today.
        var overdue = new WorklistInvoice("O", "A", "Alpha", Today.AddDays(-20), 5_000m, false, Prediction(1, 30, 20), ErpResyncPending: true);
        var disputed = new WorklistInvoice("D", "A", "Alpha", Today.AddDays(-3), 1m, true, Prediction(1, 10, 3, disputed: true), Today.AddDays(4), ErpResyncPending: true);
        var likelyLate = new WorklistInvoice("L", "A", "Alpha", Today.AddDays(10), 1m, false, Prediction(0.9, 10), ErpResyncPending: true);

        foreach (var invoice in new[] { overdue, disputed, likelyLate })
        {
            Assert.Equal(new NextCollectionAction(CollectionAction.ErpResyncFirst, Today), CollectionsWorklist.NextAction(invoice, Today));
        }

        // Cleared, the same invoice is collected as any other.
        Assert.Equal(new NextCollectionAction(CollectionAction.Call, Today), CollectionsWorklist.NextAction(overdue with { ErpResyncPending = false }, Today));
        Assert.Equal(CollectionAction.ResolveDispute, CollectionsWorklist.NextAction(disputed with { ErpResyncPending = false }, Today).Action);
        // The ranking figure is unchanged: the worklist shows the exposure, the action says not to chase it yet.
        Assert.Equal(150_000m, CollectionsWorklist.Entry(overdue, Today).ExpectedLateAmount);
    }

    [Fact]
    public void APromise_IsKeptByPaymentsOnItsInvoicesByItsDate()
    {
        var promise = new PromiseUnderWatch("PTP", 1_000m, Today.AddDays(5), ["INV-1", "INV-2"], 0m);

        var outcome = PromiseEvaluator.Evaluate(promise, [new PromisePayment("INV-1", 600m, Today.AddDays(2)), new PromisePayment("INV-2", 400m, Today.AddDays(5))], false, Today.AddDays(5));

        Assert.Equal(new PromiseOutcome(PromiseStatus.Kept, 1_000m, 0m, Today.AddDays(5)), outcome);
    }

    [Fact]
    public void APartialPayment_LeavesThePromiseOpenWithTheRemainder_ThenItIsBrokenWhenTheDatePasses()
    {
        var promise = new PromiseUnderWatch("PTP", 1_000m, Today.AddDays(5), ["INV-1"], 0m);

        var partial = PromiseEvaluator.Evaluate(promise, [new PromisePayment("INV-1", 300m, Today.AddDays(1)), new PromisePayment("INV-9", 700m, Today.AddDays(1))], false, Today.AddDays(1));
        var afterTheDate = PromiseEvaluator.Evaluate(promise with { KeptAmount = partial.KeptAmount }, [new PromisePayment("INV-1", 700m, Today.AddDays(7))], false, Today.AddDays(7));

        Assert.Equal(new PromiseOutcome(PromiseStatus.Open, 300m, 700m, null), partial);
        Assert.True(partial.IsPartial);
        Assert.Equal(new PromiseOutcome(PromiseStatus.Broken, 300m, 700m, Today.AddDays(6)), afterTheDate);
    }

    [Fact]
    public void APromiseWhoseInvoicesAreAllSettled_IsKeptEvenIfItOverstatedTheAmount()
    {
        var promise = new PromiseUnderWatch("PTP", 1_000m, Today.AddDays(5), ["INV-1"], 0m);

        var outcome = PromiseEvaluator.Evaluate(promise, [new PromisePayment("INV-1", 900m, Today)], true, Today);

        Assert.Equal(PromiseStatus.Kept, outcome.Status);
        Assert.Equal(900m, outcome.KeptAmount);
    }

    [Fact]
    public void TheCollector_IsTheMatchingRuleOfLowestPriority_AndAnAccountWithoutReceivablesGetsNone()
    {
        var ann = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var cat = Guid.NewGuid();
        CollectorAssignmentRule[] rules =
        [
            new("Everyone", 100, ann),
            new("Large high risk", 10, bob, RiskLevel: RiskLevel.High, BalanceFrom: 50_000m),
            new("North", 20, cat, Region: "North"),
        ];

        Assert.Equal(bob, CollectorAssignment.Choose(new AccountToAssign(1, "North", RiskLevel.High, 60_000m), rules)!.CollectorId);
        Assert.Equal(cat, CollectorAssignment.Choose(new AccountToAssign(1, "north ", RiskLevel.High, 49_999m), rules)!.CollectorId);
        Assert.Equal(ann, CollectorAssignment.Choose(new AccountToAssign(1, "South", RiskLevel.Low, 10m), rules)!.CollectorId);
        Assert.Null(CollectorAssignment.Choose(new AccountToAssign(1, "North", RiskLevel.High, 0m), rules));
    }

    [Fact]
    public void TheFiscalYear_StartsOnItsFirstMonth()
    {
        Assert.Equal(new DateTime(2026, 1, 1), FiscalYear.StartOf(Today, 1));
        Assert.Equal(new DateTime(2025, 7, 1), FiscalYear.StartOf(Today, 7));
        Assert.Equal(new DateTime(2026, 4, 1), FiscalYear.StartOf(Today, 4));
    }
}
