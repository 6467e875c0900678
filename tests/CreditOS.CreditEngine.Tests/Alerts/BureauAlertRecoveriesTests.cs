using CreditOS.CreditEngine.Alerts;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Tests.Alerts;

public class BureauAlertRecoveriesTests
{
    private static readonly DateTime Before = new(2026, 11, 1);
    private static readonly DateTime After = new(2026, 12, 3);
    private static readonly BureauAlertSubject KeyAccount = new("KeyAccount", 40_000m, "EUR");

    private static BureauReport Report(DateTime date, BureauRating rating = BureauRating.B, int solvency = 70, decimal? recommended = 50_000m, int dbt = 5, int judgments = 0) =>
        new(date, solvency, rating, recommended, dbt, judgments, 0, 0);

    private static BureauAlertRule Rule(BureauAlertCriterion criterion, decimal threshold, string? group = null) =>
        new(criterion, group, threshold, AlertSeverity.Warning);

    [Fact]
    public void ASolvencyBackAtTheLevel_EndsTheAlert_WithTheRecoveringFigure()
    {
        var rules = new[] { Rule(BureauAlertCriterion.SolvencyBelow, 50m, "KeyAccount") };

        var recovery = Assert.Single(BureauAlertRecoveries.Evaluate(Report(Before, solvency: 45), Report(After, solvency: 50), KeyAccount, rules));

        Assert.Equal(50m, recovery.Figure);
        Assert.Equal("Recovered: the bureau report of 2026-12-03 gives a solvency score of 50 of 100 (was 45), back at or above the alert level of 50.", recovery.Note);
    }

    [Fact]
    public void OnlyTheReportThatCrossesBack_EndsTheAlert_Once()
    {
        var rules = new[] { Rule(BureauAlertCriterion.SolvencyBelow, 50m) };

        Assert.Empty(BureauAlertRecoveries.Evaluate(Report(Before, solvency: 60), Report(After, solvency: 65), KeyAccount, rules));
        Assert.Empty(BureauAlertRecoveries.Evaluate(Report(Before, solvency: 40), Report(After, solvency: 45), KeyAccount, rules));
        Assert.Empty(BureauAlertRecoveries.Evaluate(null, Report(After, solvency: 65), KeyAccount, rules));
    }

    [Fact]
    public void RatingRecommendedCreditAndDaysBeyondTerms_Recover_ButEventsDoNot()
    {
        // The shipped rules: rating D or worse, recommended credit below our limit, days beyond terms above 30, new judgments.
        var rules = DefaultBureauAlertRules.Create();

        var recoveries = BureauAlertRecoveries.Evaluate(
            Report(Before, BureauRating.D, recommended: 20_000m, dbt: 45, judgments: 2),
            Report(After, BureauRating.C, recommended: 40_000m, dbt: 20, judgments: 0),
            KeyAccount,
            rules);

        Assert.Equal(
            [BureauAlertCriterion.RatingAtOrWorse, BureauAlertCriterion.RecommendedCreditBelowLimit, BureauAlertCriterion.DaysBeyondTermsAbove],
            recoveries.Select(r => r.Rule.Criterion).Order());
        Assert.Contains(recoveries, r => r.Note == "Recovered: the bureau report of 2026-12-03 recommends EUR 40,000.00 of credit (was EUR 20,000.00), back at or above our credit limit of EUR 40,000.00.");
        Assert.Contains(recoveries, r => r.Note == "Recovered: the bureau report of 2026-12-03 gives a days-beyond-terms score of 20 (was 45), back at or below the alert level of 30.");
    }
}
