using CreditOS.CreditEngine.Alerts;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Alerts;

public class BureauAlertEvaluatorTests
{
    private static readonly DateTime Before = new(2026, 11, 1);
    private static readonly DateTime After = new(2026, 12, 3);
    private static readonly BureauAlertSubject KeyAccount = new("KeyAccount", 40_000m, "EUR");
    private static readonly BureauAlertSubject SmallBusiness = new("SmallBusiness", 40_000m, "EUR");

    private static BureauReport Report(DateTime date, BureauRating rating = BureauRating.B, int solvency = 70, decimal? recommended = 50_000m, int dbt = 5, int judgments = 0, int privileges = 0) =>
        new(date, solvency, rating, recommended, dbt, judgments, 0, privileges);

    private static BureauAlertRule Rule(BureauAlertCriterion criterion, decimal threshold, string? group = null, AlertSeverity severity = AlertSeverity.Warning) =>
        new(criterion, group, threshold, severity);

    [Fact]
    public void RatingFallingToD_RaisesTheDOrWorseAlert_WithTheFigures_AndTheDowngrade()
    {
        var alerts = BureauAlertEvaluator.Evaluate(Report(Before, BureauRating.B), Report(After, BureauRating.D), KeyAccount, DefaultBureauAlertRules.Create());

        Assert.Equal([BureauAlertCriterion.RatingAtOrWorse, BureauAlertCriterion.RatingDowngrade], alerts.Select(a => a.Rule.Criterion).Order());
        var rating = alerts.Single(a => a.Rule.Criterion == BureauAlertCriterion.RatingAtOrWorse);
        Assert.Equal(4m, rating.Rule.Threshold);
        Assert.Equal("The bureau report of 2026-12-03 rates the customer D (was B), at or below the alert rating D (rule for all customers, warning).", rating.Message);
    }

    [Fact]
    public void StayingAtD_DoesNotRaiseTheRatingAlertAgain_ButFallingToE_RaisesTheCriticalOne()
    {
        var rules = DefaultBureauAlertRules.Create();

        var stillD = BureauAlertEvaluator.Evaluate(Report(Before, BureauRating.D), Report(After, BureauRating.D), KeyAccount, rules);
        var toE = BureauAlertEvaluator.Evaluate(Report(Before, BureauRating.D), Report(After, BureauRating.E), KeyAccount, rules);

        Assert.Empty(stillD);
        var critical = toE.Single(a => a.Rule.Criterion == BureauAlertCriterion.RatingAtOrWorse);
        Assert.Equal(AlertSeverity.Critical, critical.Rule.Severity);
        Assert.Equal(5m, critical.Rule.Threshold);
    }

    [Fact]
    public void ASegmentsOwnThreshold_ReplacesTheGeneralOne_ForThatSegmentOnly()
    {
        // All customers alert below 30; key accounts already below 50.
        var rules = new[] { Rule(BureauAlertCriterion.SolvencyBelow, 30m), Rule(BureauAlertCriterion.SolvencyBelow, 50m, "KeyAccount", AlertSeverity.Critical) };

        var key = BureauAlertEvaluator.Evaluate(Report(Before, solvency: 60), Report(After, solvency: 45), KeyAccount, rules);
        var small = BureauAlertEvaluator.Evaluate(Report(Before, solvency: 60), Report(After, solvency: 45), SmallBusiness, rules);
        var smallBelow30 = BureauAlertEvaluator.Evaluate(Report(Before, solvency: 60), Report(After, solvency: 25), SmallBusiness, rules);

        var alert = Assert.Single(key);
        Assert.Equal("The bureau report of 2026-12-03 gives a solvency score of 45 of 100 (was 60), below the alert level of 50 (rule for KeyAccount customers, critical).", alert.Message);
        Assert.Empty(small);
        Assert.Equal(30m, Assert.Single(smallBelow30).Rule.Threshold);
    }

    [Fact]
    public void AnotherSegmentsRule_NeverApplies()
    {
        var rules = new[] { Rule(BureauAlertCriterion.SolvencyBelow, 90m, "Distributor") };

        Assert.Empty(BureauAlertEvaluator.Evaluate(Report(Before, solvency: 95), Report(After, solvency: 20), KeyAccount, rules));
        Assert.Empty(BureauAlertEvaluator.Evaluate(null, Report(After, solvency: 20), new BureauAlertSubject(null, 40_000m, "EUR"), rules));
    }

    [Fact]
    public void RecommendedCreditBelowOurLimit_StatesBothAmounts_AndFiresOncePerCrossing()
    {
        var rules = new[] { Rule(BureauAlertCriterion.RecommendedCreditBelowLimit, 100m) };

        var crossing = BureauAlertEvaluator.Evaluate(Report(Before, recommended: 45_000m), Report(After, recommended: 15_000m), KeyAccount, rules);
        var stillBelow = BureauAlertEvaluator.Evaluate(Report(Before, recommended: 15_000m), Report(After, recommended: 12_000m), KeyAccount, rules);
        var halfRule = BureauAlertEvaluator.Evaluate(Report(Before, recommended: 45_000m), Report(After, recommended: 25_000m), KeyAccount, [Rule(BureauAlertCriterion.RecommendedCreditBelowLimit, 50m)]);

        Assert.Equal("The bureau report of 2026-12-03 recommends EUR 15,000.00 of credit (was EUR 45,000.00), below our credit limit of EUR 40,000.00 (rule for all customers, warning).", Assert.Single(crossing).Message);
        Assert.Empty(stillBelow);
        Assert.Empty(halfRule);
    }

    [Fact]
    public void ANewJudgment_OrPrivilege_RaisesACriticalAlert_ButTheSameCountDoesNot()
    {
        var rules = DefaultBureauAlertRules.Create();

        var judgment = BureauAlertEvaluator.Evaluate(Report(Before, judgments: 1), Report(After, judgments: 2), KeyAccount, rules);
        var same = BureauAlertEvaluator.Evaluate(Report(Before, judgments: 2, privileges: 1), Report(After, judgments: 2, privileges: 1), KeyAccount, rules);
        var privilege = BureauAlertEvaluator.Evaluate(null, Report(After, privileges: 1), KeyAccount, rules);

        var alert = Assert.Single(judgment);
        Assert.Equal(AlertSeverity.Critical, alert.Rule.Severity);
        Assert.Equal("The bureau report of 2026-12-03 shows 2 judgment(s), 1 new since the previous report (1); the alert is at 1 new (rule for all customers, critical).", alert.Message);
        Assert.Empty(same);
        Assert.Equal(BureauAlertCriterion.NewPrivilege, Assert.Single(privilege).Rule.Criterion);
    }

    [Fact]
    public void SolvencyDrop_AndDaysBeyondTerms_UseTheirThresholds()
    {
        var rules = new[] { Rule(BureauAlertCriterion.SolvencyDrop, 10m), Rule(BureauAlertCriterion.DaysBeyondTermsAbove, 30m) };

        var nine = BureauAlertEvaluator.Evaluate(Report(Before, solvency: 70, dbt: 30), Report(After, solvency: 61, dbt: 30), KeyAccount, rules);
        var both = BureauAlertEvaluator.Evaluate(Report(Before, solvency: 70, dbt: 30), Report(After, solvency: 60, dbt: 31), KeyAccount, rules);

        Assert.Empty(nine);
        Assert.Equal([BureauAlertCriterion.SolvencyDrop, BureauAlertCriterion.DaysBeyondTermsAbove], both.Select(a => a.Rule.Criterion));
        Assert.Contains("down 10 points from 70", both[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThresholdsOutsideWhatTheCriterionMeasures_AreRefusedWithTheRange()
    {
        Assert.Null(BureauAlertRuleValidator.Problem(Rule(BureauAlertCriterion.SolvencyBelow, 30m)));
        Assert.Equal("the threshold 150 is outside the solvency score (a whole number from 1 to 100)", BureauAlertRuleValidator.Problem(Rule(BureauAlertCriterion.SolvencyBelow, 150m)));
        Assert.NotNull(BureauAlertRuleValidator.Problem(Rule(BureauAlertCriterion.RatingAtOrWorse, 6m)));
        Assert.NotNull(BureauAlertRuleValidator.Problem(Rule(BureauAlertCriterion.NewJudgment, 0.5m)));
        Assert.Empty(CreditConfigurationValidator.Validate(DefaultCreditConfiguration.Create()));
        Assert.NotEmpty(CreditConfigurationValidator.Validate(DefaultCreditConfiguration.Create() with { Alerts = new AlertRules([Rule(BureauAlertCriterion.SolvencyDrop, 0m)]) }));
    }

    [Fact]
    public void ALevelAlert_FiresOnlyOnTheCrossing_WhateverTheScores()
    {
        // Law: a report already past the threshold never raises the level alert again; a report not past it never raises it.
        Gen.Select(Gen.Int[0, 100], Gen.Int[0, 100], Gen.Int[1, 100]).Sample((before, after, threshold) =>
        {
            var fired = BureauAlertEvaluator.Evaluate(Report(Before, solvency: before), Report(After, solvency: after), KeyAccount, [Rule(BureauAlertCriterion.SolvencyBelow, threshold)]).Count;
            return fired == (after < threshold && before >= threshold ? 1 : 0);
        });
    }
}
