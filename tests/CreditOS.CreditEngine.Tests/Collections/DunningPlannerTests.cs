using CreditOS.CreditEngine.Collections.Dunning;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Tests.Collections;

/// <summary>Dunning: the sequence by risk level, steps in order once per invoice, paused by a promise, disputed invoices left out, templates.</summary>
public sealed class DunningPlannerTests
{
    private static readonly DateTime Due = new(2026, 6, 1);

    private static readonly DunningStep Friendly = Step("Friendly reminder", 0, -3, RiskLevel.High);
    private static readonly DunningStep First = Step("First reminder", 1, 7);
    private static readonly DunningStep Second = Step("Second reminder", 2, 21);
    private static readonly DunningStep Final = Step("Final reminder", 3, 35, escalates: true);
    private static readonly DunningStep[] Steps = [Final, Friendly, Second, First];

    private static DunningStep Step(string name, int number, int days, RiskLevel? level = null, bool escalates = false) =>
        new(Guid.NewGuid(), name, number, level, days, escalates, "{{step}}: {{account}}, {{count}} open item(s)", "Dear {{account}},\n{{items}}\nTotal {{total}} as of {{date}}.");

    private static DunningAccount Account(RiskLevel level, DateTime? promise = null) => new(Guid.NewGuid(), "Contoso", "EUR", level, promise);

    private static DunningInvoice Invoice(string number, int? level = null, bool disputed = false, decimal open = 1_000m, bool erpResync = false) =>
        new(Guid.NewGuid(), number, Due, open, disputed, level, erpResync);

    [Fact]
    public void AFriendlyReminderBeforeTheDueDate_IsOnlyForHighRisk()
    {
        var high = DunningPlanner.Plan(Steps, Account(RiskLevel.High), [Invoice("INV-1")], Due.AddDays(-3));
        var low = DunningPlanner.Plan(Steps, Account(RiskLevel.Low), [Invoice("INV-1")], Due.AddDays(-3));

        var draft = Assert.Single(high.Drafts);
        Assert.Equal(Friendly, draft.Step);
        Assert.Equal("Friendly reminder: Contoso, 1 open item(s)", draft.Subject);
        Assert.Contains("- INV-1, due 2026-06-01, open EUR 1,000.00, due in 3 days", draft.Body, StringComparison.Ordinal);
        Assert.Empty(low.Drafts);
    }

    [Fact]
    public void StepsFollowInOrder_OncePerInvoice_TheFinalOneEscalates()
    {
        var account = Account(RiskLevel.Medium);
        Assert.Equal(First, DunningPlanner.Plan(Steps, account, [Invoice("INV-1")], Due.AddDays(7)).Drafts.Single().Step);
        Assert.Empty(DunningPlanner.Plan(Steps, account, [Invoice("INV-1", level: 1)], Due.AddDays(8)).Drafts);
        Assert.Equal(Second, DunningPlanner.Plan(Steps, account, [Invoice("INV-1", level: 1)], Due.AddDays(21)).Drafts.Single().Step);

        var final = DunningPlanner.Plan(Steps, account, [Invoice("INV-1", level: 2)], Due.AddDays(40)).Drafts.Single();
        Assert.Equal(Final, final.Step);
        Assert.Contains("INV-1", final.Escalation, StringComparison.Ordinal);
        Assert.Contains("40 days overdue", final.Body, StringComparison.Ordinal);

        // Found late, an invoice gets the step its age calls for, not every earlier one.
        Assert.Equal(Second, DunningPlanner.Plan(Steps, account, [Invoice("INV-2")], Due.AddDays(25)).Drafts.Single().Step);
    }

    [Fact]
    public void InvoicesReachingTheSameStep_ShareOneLetterWithTheirTotal()
    {
        var draft = DunningPlanner.Plan(Steps, Account(RiskLevel.Low), [Invoice("INV-1", open: 1_500m), Invoice("INV-2", open: 2_500m)], Due.AddDays(8)).Drafts.Single();

        Assert.Equal(2, draft.Invoices.Count);
        Assert.Contains("Total EUR 4,000.00 as of 2026-06-09.", draft.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOpenPromisePauses_ADisputedInvoiceIsLeftOut_APaidOneStops()
    {
        var paused = DunningPlanner.Plan(Steps, Account(RiskLevel.Low, promise: Due.AddDays(12)), [Invoice("INV-1")], Due.AddDays(8));
        Assert.Empty(paused.Drafts);
        Assert.Equal("an open promise to pay by 2026-06-13", paused.PausedBecause);

        var disputed = DunningPlanner.Plan(Steps, Account(RiskLevel.Low), [Invoice("INV-1", disputed: true), Invoice("INV-2")], Due.AddDays(8));
        Assert.Equal(["INV-2"], disputed.Drafts.Single().Invoices.Select(i => i.Number).ToArray());
        Assert.Equal("INV-1", disputed.SkippedAsDisputed.Single().Number);

        Assert.Empty(DunningPlanner.Plan(Steps, Account(RiskLevel.Low), [Invoice("INV-1", open: 0m)], Due.AddDays(8)).Drafts);
    }

    [Fact]
    public void AnInvoiceAwaitingAnErpResync_IsLeftOutOfTheLetters_AndResumesAtItsStepOnceCleared()
    {
        var account = Account(RiskLevel.Low);
        var flagged = Invoice("INV-1", level: 1, open: 4_000m, erpResync: true);

        var plan = DunningPlanner.Plan(Steps, account, [flagged, Invoice("INV-2", open: 1_500m)], Due.AddDays(22));

        // INV-2 gets the step its age calls for; the letter neither lists nor totals the flagged invoice's figures.
        var draft = plan.Drafts.Single();
        Assert.Equal(Second, draft.Step);
        Assert.Equal(["INV-2"], draft.Invoices.Select(i => i.Number).ToArray());
        Assert.DoesNotContain("INV-1", draft.Body, StringComparison.Ordinal);
        Assert.Contains("Total EUR 1,500.00", draft.Body, StringComparison.Ordinal);
        Assert.Equal("INV-1", plan.SkippedForErpResync.Single().Number);
        Assert.Empty(plan.SkippedAsDisputed);

        // Alone, it gets no letter at all; cleared, it resumes after the step it had (1), not from the start.
        Assert.Empty(DunningPlanner.Plan(Steps, account, [flagged], Due.AddDays(22)).Drafts);
        Assert.Equal(Second, DunningPlanner.Plan(Steps, account, [flagged with { ErpResyncPending = false }], Due.AddDays(22)).Drafts.Single().Step);
    }

    [Fact]
    public void ATemplateWithAPlaceholderCreditOSDoesNotFill_IsRefusedByName()
    {
        var bad = Step("First reminder", 1, 7) with { BodyTemplate = "Dear {{contact}}, {{items}}" };

        var refused = Assert.Throws<CreditInputException>(() => DunningPlanner.Plan([bad], Account(RiskLevel.Low), [Invoice("INV-1")], Due.AddDays(8)));

        Assert.Contains("uses {{contact}}, which creditOS does not fill", refused.Message, StringComparison.Ordinal);
        Assert.Throws<CreditInputException>(() => DunningTemplate.Validate("Open {{items", "The body"));
        DunningTemplate.Validate("{{account}} {{items}} {{total}}", "The body");
    }

    [Fact]
    public void TwoStepsOfOneSequenceWithTheSameNumber_AreAConfigurationError()
    {
        var clash = Step("Also first", 1, 10);

        var refused = Assert.Throws<CreditInputException>(() => DunningPlanner.SequenceFor([First, clash], Account(RiskLevel.Low)));

        Assert.Contains("both have step number 1", refused.Message, StringComparison.Ordinal);
    }
}
