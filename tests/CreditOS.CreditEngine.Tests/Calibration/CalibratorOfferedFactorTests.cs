using CreditOS.CreditEngine.Calibration;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Tests.Calibration;

/// <summary>
/// Session 29: the calibration may give weight to a factor the starting rule set does not have (the recent days relative
/// to due, <see cref="ScoringFactor.RecentDaysVsDue3Months"/>), starting it at 0, so a ledger whose customers' habits
/// change can lean on it and one whose habits last leaves it near 0; and its penalty may pull toward the starting weights.
/// </summary>
public class CalibratorOfferedFactorTests
{
    private static ScoringRule RecentDays => DefaultScoringRules.RecentDaysVsDue;

    [Fact]
    public void OfferedTheRecentDays_OnALedgerWhoseHabitsSwitch_GivesItWeight_AndTheRuleSetValidates()
    {
        var ledger = CalibratorRecencyTests.Ledger(seed: 11, switchesPerMonth: 1.0 / 8);

        var result = Calibrator.Run(ledger, DefaultCreditConfiguration.Create(), new CalibrationOptions { OfferedFactors = [RecentDays] });

        var rule = result.RuleSet.Rules.SingleOrDefault(r => r.Factor == ScoringFactor.RecentDaysVsDue3Months);
        Assert.NotNull(rule);
        Assert.True(rule.Weight > 0, "weight " + rule.Weight);
        Assert.Equal(RecentDays.Bands, rule.Bands);
        Assert.Contains(result.Factors, f => f.Factor == ScoringFactor.RecentDaysVsDue3Months);
        Assert.Empty(CreditConfigurationValidator.Validate(DefaultCreditConfiguration.Create() with { RuleSets = [result.RuleSet] }));
    }

    [Fact]
    public void NotOffered_TheRuleSetKeepsTheStartingFactors()
    {
        var ledger = CalibratorRecencyTests.Ledger(seed: 11, switchesPerMonth: 1.0 / 8);

        var result = Calibrator.Run(ledger, DefaultCreditConfiguration.Create(), new CalibrationOptions { OfferedFactors = [] });

        Assert.DoesNotContain(result.RuleSet.Rules, r => r.Factor == ScoringFactor.RecentDaysVsDue3Months);
    }
}
