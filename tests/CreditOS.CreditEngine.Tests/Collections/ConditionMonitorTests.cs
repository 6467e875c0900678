using CreditOS.CreditEngine.Collections.Monitoring;

namespace CreditOS.CreditEngine.Tests.Collections;

/// <summary>The condition monitor: which conditions hold, one action item per occurrence, account states ending and beginning again.</summary>
public sealed class ConditionMonitorTests
{
    private static readonly DateTime Today = new(2026, 6, 1);
    private static readonly Guid Account = new("00000000-0000-0000-0000-0000000000a1");

    private static MonitorFacts Facts(decimal risk = 40m, decimal overdue = 0m, decimal exposure = 50_000m) => new()
    {
        AccountId = Account,
        AccountName = "Contoso",
        Currency = "EUR",
        RiskScore = risk,
        Limit = 100_000m,
        Exposure = exposure,
        Overdue = overdue,
    };

    private static MonitorCondition Condition(MonitorConditionKind kind, decimal threshold, int dueInDays = 2) =>
        new(Guid.NewGuid(), kind + " " + threshold, kind, threshold, dueInDays);

    [Fact]
    public void ARiskScoreAboveTheThreshold_GivesOneActionItemWithTheFiguresAndDueDate()
    {
        var condition = Condition(MonitorConditionKind.RiskScoreAbove, 70m, dueInDays: 3);

        var outcome = ConditionMonitor.Evaluate([condition], Facts(risk: 72.5m), [], Today);

        var item = Assert.Single(outcome.ActionItems);
        Assert.Equal(condition.Id, item.ConditionId);
        Assert.Equal(Today.AddDays(3), item.Due);
        Assert.Equal(ConditionMonitor.StatePrefix(condition.Id, Account) + "20260601", item.OccurrenceKey);
        Assert.Contains("Risk score is 72.5, above the condition's 70", item.Description, StringComparison.Ordinal);
        Assert.Empty(ConditionMonitor.Evaluate([condition], Facts(risk: 70m), [], Today).ActionItems);
    }

    [Fact]
    public void AnAccountState_IsOneOccurrenceWhileItHolds_AndANewOneAfterItEnded()
    {
        var condition = Condition(MonitorConditionKind.UtilizationAbove, 90m);
        var first = ConditionMonitor.Evaluate([condition], Facts(exposure: 95_000m), [], Today).ActionItems.Single();
        Assert.Contains("95% utilization, above the condition's 90%", first.Description, StringComparison.Ordinal);

        // Still above the next days: the same occurrence, nothing new.
        var recorded = new[] { new MonitorOccurrence(first.OccurrenceKey, Ended: false) };
        Assert.Empty(ConditionMonitor.Evaluate([condition], Facts(exposure: 97_000m), recorded, Today.AddDays(1)).ActionItems);

        // Back below: the occurrence ends.
        var below = ConditionMonitor.Evaluate([condition], Facts(exposure: 60_000m), recorded, Today.AddDays(2));
        Assert.Equal([first.OccurrenceKey], below.EndedOccurrences);

        // Above again later: a new occurrence, keyed by the day it began.
        var again = ConditionMonitor.Evaluate([condition], Facts(exposure: 99_000m), [new MonitorOccurrence(first.OccurrenceKey, Ended: true)], Today.AddDays(5));
        Assert.EndsWith("20260606", Assert.Single(again.ActionItems).OccurrenceKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_GiveOneItemEach_AndARecordedOneIsNotRepeated()
    {
        var broken = Condition(MonitorConditionKind.BrokenPromise, 0m);
        var overdueDays = Condition(MonitorConditionKind.OverdueDaysAbove, 30m);
        var facts = Facts(overdue: 12_000m) with
        {
            BrokenPromises = [new BrokenPromiseFact(Guid.NewGuid(), "PTP-1", 10_000m, Today.AddDays(-1), 4_000m)],
            OverdueInvoices =
            [
                new OverdueInvoiceFact(Guid.NewGuid(), "INV-1", Today.AddDays(-31), 7_000m),
                new OverdueInvoiceFact(Guid.NewGuid(), "INV-2", Today.AddDays(-30), 5_000m),
            ],
        };

        var outcome = ConditionMonitor.Evaluate([broken, overdueDays], facts, [], Today);

        Assert.Equal(2, outcome.ActionItems.Count);
        Assert.Contains(outcome.ActionItems, i => i.Description.Contains("EUR 4,000.00 arrived, EUR 6,000.00 is missing", StringComparison.Ordinal));
        Assert.Contains(outcome.ActionItems, i => i.Subject == "Contoso: invoice INV-1 31 days overdue");
        Assert.Equal(outcome.ActionItems.Select(i => i.OccurrenceKey).OrderBy(k => k), ConditionMonitor.EventKeys([broken, overdueDays], facts, Today).OrderBy(k => k));

        var recorded = outcome.ActionItems.Select(i => new MonitorOccurrence(i.OccurrenceKey, Ended: false));
        Assert.DoesNotContain(ConditionMonitor.Evaluate([broken, overdueDays], facts, recorded, Today.AddDays(1)).ActionItems, i => i.ConditionId == broken.Id);
    }

    [Fact]
    public void ATierDowngrade_AndABureauDeterioration_AreEvents_AnUpgradeIsNot()
    {
        var tier = Condition(MonitorConditionKind.TierDowngrade, 0m);
        var bureau = Condition(MonitorConditionKind.BureauDeterioration, 0m);
        var down = Facts() with
        {
            LatestTierChange = new TierChangeFact(Guid.NewGuid(), "Silver", 2, "Bronze", 3, Today),
            BureauDeteriorations = [new BureauDeteriorationFact(Guid.NewGuid(), "rating", "B", "C", Today)],
        };
        var up = Facts() with { LatestTierChange = new TierChangeFact(Guid.NewGuid(), "Bronze", 3, "Silver", 2, Today) };

        var items = ConditionMonitor.Evaluate([tier, bureau], down, [], Today).ActionItems;

        Assert.Contains(items, i => i.Subject == "Contoso: tier down from Silver to Bronze");
        Assert.Contains(items, i => i.Description.Contains("reported rating C, down from B", StringComparison.Ordinal));
        Assert.Empty(ConditionMonitor.Evaluate([tier, bureau], up, [], Today).ActionItems);
    }
}
