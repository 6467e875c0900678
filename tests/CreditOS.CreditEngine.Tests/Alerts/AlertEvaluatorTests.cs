using CreditOS.CreditEngine.Alerts;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Tests.Builders;

namespace CreditOS.CreditEngine.Tests.Alerts;

public class AlertEvaluatorTests
{
    private static readonly CreditOS.CreditEngine.Policies.CreditPolicy Policy = Configs.Default.Policy("STANDARD");

    private static AccountCreditState State(decimal exposure, decimal overdue = 0m, string tier = "STANDARD", BureauReport? report = null) =>
        new("USD", 100_000m, exposure, overdue, Configs.Default.Tier(tier), report);

    [Fact]
    public void CrossingBothUtilizationThresholdsUpward_RaisesTwoAlerts()
    {
        var alerts = AlertEvaluator.Evaluate(State(70_000m), State(96_000m), Policy, AlertRules.Default);

        Assert.Equal(2, alerts.Count(a => a.Type == CreditAlertType.UtilizationThresholdCrossed));
        Assert.Contains(alerts, a => a.Message == "Utilization rose past 80%: exposure USD 96,000.00 of a USD 100,000.00 limit.");
        Assert.Contains(alerts, a => a.Message.StartsWith("Utilization rose past 95%", StringComparison.Ordinal));
    }

    [Fact]
    public void StayingAboveOrGoingDown_RaisesNoUtilizationAlert()
    {
        Assert.Empty(AlertEvaluator.Evaluate(State(85_000m), State(90_000m), Policy, AlertRules.Default));
        Assert.Empty(AlertEvaluator.Evaluate(State(99_000m), State(50_000m), Policy, AlertRules.Default));
    }

    [Fact]
    public void OverdueCrossingThePolicyAlertAmount_RaisesAnAlert()
    {
        var alerts = AlertEvaluator.Evaluate(State(10_000m, overdue: 5_000m), State(10_000m, overdue: 12_000m), Policy, AlertRules.Default);

        Assert.Equal("Overdue balance USD 12,000.00 is above the alert level of USD 10,000.00.", alerts.Single().Message);
    }

    [Fact]
    public void TierDowngrade_RaisesAnAlertButAnUpgradeDoesNot()
    {
        var down = AlertEvaluator.Evaluate(State(1m, tier: "PREFERRED"), State(1m, tier: "WATCH"), Policy, AlertRules.Default);
        var up = AlertEvaluator.Evaluate(State(1m, tier: "WATCH"), State(1m, tier: "PREFERRED"), Policy, AlertRules.Default);

        Assert.Equal("Credit tier went down from Preferred to Watch.", down.Single().Message);
        Assert.Empty(up);
    }

    [Fact]
    public void NewBureauReportWithLowerRating_RaisesADeteriorationAlert()
    {
        var before = new BureauReport(new DateTime(2026, 1, 1), 70, BureauRating.B, null, 5, 0, 0, 0);
        var after = new BureauReport(new DateTime(2026, 6, 1), 66, BureauRating.C, null, 5, 0, 0, 0);

        var alerts = AlertEvaluator.Evaluate(State(1m, report: before), State(1m, report: after), Policy, AlertRules.Default);

        Assert.Equal(CreditAlertType.BureauDeterioration, alerts.Single().Type);
        Assert.Equal("The bureau report of 2026-06-01 downgrades the customer from B to C, 1 band(s); the alert is at 1 (rule for all customers, information).", alerts.Single().Message);
    }
}
