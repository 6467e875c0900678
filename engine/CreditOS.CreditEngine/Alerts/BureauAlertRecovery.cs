using System.Globalization;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Alerts;

/// <summary>A level rule's alert that a new bureau report ends: the figure is back on the right side of the threshold.</summary>
/// <param name="Rule">The rule whose alert is closed.</param>
/// <param name="Figure">The recovering figure (the rating band, solvency score, recommended credit or days-beyond-terms score).</param>
/// <param name="Note">The closing note, with the figure, the threshold and the report's day.</param>
public sealed record BureauAlertRecovery(BureauAlertRule Rule, decimal Figure, string Note);

/// <summary>
/// When a bureau alert ends: a level rule (rating at or worse, solvency below, recommended credit below our limit, days
/// beyond terms above) whose threshold the previous report was past and the new report is no longer past. Once per
/// recovery, as an alert is raised once per crossing: only the report that crosses back closes it. A change rule
/// (downgrade, solvency drop, new judgments or privileges) reports an event, which does not recover; it stays open until
/// someone closes it.
/// </summary>
public static class BureauAlertRecoveries
{
    public static IReadOnlyList<BureauAlertRecovery> Evaluate(BureauReport? previous, BureauReport current, BureauAlertSubject subject, IReadOnlyList<BureauAlertRule> rules)
    {
        Require.NotNull(current, "The new bureau report");
        Require.NotNull(subject, "The customer the report is on");
        Require.NotNull(rules, "The bureau alert rules");
        if (previous is null)
        {
            return [];
        }

        var day = Require.Day(current.ReportDate);
        var recoveries = new List<BureauAlertRecovery>();
        foreach (var rule in BureauAlertEvaluator.RulesFor(subject.CustomerGroup, rules))
        {
            if (Recovered(rule, previous, current, subject, day) is { } recovery)
            {
                recoveries.Add(recovery);
            }
        }

        return recoveries;
    }

    private static BureauAlertRecovery? Recovered(BureauAlertRule rule, BureauReport previous, BureauReport current, BureauAlertSubject subject, string day)
    {
        var threshold = rule.Threshold;
        switch (rule.Criterion)
        {
            case BureauAlertCriterion.RatingAtOrWorse:
                return (int)previous.Rating >= threshold && (int)current.Rating < threshold
                    ? new BureauAlertRecovery(rule, (int)current.Rating, "Recovered: the bureau report of " + day + " rates the customer " + current.Rating + " (was " + previous.Rating
                        + "), better than the alert rating " + Band(threshold) + ".")
                    : null;
            case BureauAlertCriterion.SolvencyBelow:
                return previous.SolvencyScore < threshold && current.SolvencyScore >= threshold
                    ? new BureauAlertRecovery(rule, current.SolvencyScore, "Recovered: the bureau report of " + day + " gives a solvency score of " + current.SolvencyScore + " of 100 (was "
                        + previous.SolvencyScore + "), back at or above the alert level of " + Whole(threshold) + ".")
                    : null;
            case BureauAlertCriterion.DaysBeyondTermsAbove:
                return previous.DaysBeyondTermsScore > threshold && current.DaysBeyondTermsScore <= threshold
                    ? new BureauAlertRecovery(rule, current.DaysBeyondTermsScore, "Recovered: the bureau report of " + day + " gives a days-beyond-terms score of " + current.DaysBeyondTermsScore
                        + " (was " + previous.DaysBeyondTermsScore + "), back at or below the alert level of " + Whole(threshold) + ".")
                    : null;
            case BureauAlertCriterion.RecommendedCreditBelowLimit:
                return RecommendedCreditRecovered(rule, previous, current, subject, day);
            default:
                return null;
        }
    }

    private static BureauAlertRecovery? RecommendedCreditRecovered(BureauAlertRule rule, BureauReport previous, BureauReport current, BureauAlertSubject subject, string day)
    {
        if (subject.OurLimit <= 0 || previous.RecommendedCredit is not { } before || current.RecommendedCredit is not { } now)
        {
            return null;
        }

        var level = decimal.Round(subject.OurLimit * rule.Threshold / 100m, 2);
        return before < level && now >= level
            ? new BureauAlertRecovery(rule, now, "Recovered: the bureau report of " + day + " recommends " + MoneyText.Format(subject.Currency, now) + " of credit (was "
                + MoneyText.Format(subject.Currency, before) + "), back at or above " + (rule.Threshold == 100m ? "our credit limit of " : Whole(rule.Threshold) + "% of our credit limit of ")
                + MoneyText.Format(subject.Currency, subject.OurLimit) + ".")
            : null;
    }

    private static string Band(decimal threshold) =>
        threshold is >= 1 and <= 5 ? ((BureauRating)(int)threshold).ToString() : Whole(threshold);

    private static string Whole(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
