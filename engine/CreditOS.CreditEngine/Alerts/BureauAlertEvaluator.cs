using System.Globalization;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Alerts;

/// <summary>
/// The bureau alerts a new report raises under the configured rules: per criterion, the rules of the customer's group
/// when it has any for that criterion, otherwise the rules for all groups (so a segment's rule replaces the general one
/// for that segment, and another segment's rule never applies). A rule fires once per occurrence: a level criterion
/// (rating, solvency, recommended credit, days beyond terms) when the new report is past the threshold and the previous
/// one was not (or there was none); a change criterion (downgrade, solvency drop, new judgments or privileges) when the
/// change from the previous report reaches it. Messages state the figures, the threshold and whose rule it is.
/// </summary>
public static class BureauAlertEvaluator
{
    public static IReadOnlyList<BureauAlert> Evaluate(BureauReport? previous, BureauReport current, BureauAlertSubject subject, IReadOnlyList<BureauAlertRule> rules)
    {
        Require.NotNull(current, "The new bureau report");
        Require.NotNull(subject, "The customer the report is on");
        Require.NotNull(rules, "The bureau alert rules");
        var alerts = new List<BureauAlert>();
        foreach (var rule in RulesFor(subject.CustomerGroup, rules))
        {
            if (Fire(rule, previous, current, subject) is { } alert)
            {
                alerts.Add(alert);
            }
        }

        return alerts;
    }

    /// <summary>The rules that apply to a customer group: its own per criterion, else those for all groups.</summary>
    public static IReadOnlyList<BureauAlertRule> RulesFor(string? customerGroup, IReadOnlyList<BureauAlertRule> rules)
    {
        Require.NotNull(rules, "The bureau alert rules");
        List<BureauAlertRule> own = string.IsNullOrWhiteSpace(customerGroup)
            ? []
            : rules.Where(r => !r.AppliesToAllGroups && string.Equals(r.CustomerGroup, customerGroup, StringComparison.OrdinalIgnoreCase)).ToList();
        var ownCriteria = new HashSet<BureauAlertCriterion>(own.Select(r => r.Criterion));
        return own.Concat(rules.Where(r => r.AppliesToAllGroups && !ownCriteria.Contains(r.Criterion))).ToList();
    }

    private static BureauAlert? Fire(BureauAlertRule rule, BureauReport? previous, BureauReport current, BureauAlertSubject subject)
    {
        var threshold = rule.Threshold;
        var whose = " (" + (rule.AppliesToAllGroups ? "rule for all customers" : "rule for " + rule.CustomerGroup + " customers") + ", " + rule.Severity.ToString().ToLowerInvariant() + ")";
        var day = Require.Day(current.ReportDate);
        switch (rule.Criterion)
        {
            case BureauAlertCriterion.RatingAtOrWorse:
                return (int)current.Rating >= threshold && (previous is null || (int)previous.Rating < threshold)
                    ? new BureauAlert(rule, (int)current.Rating, "The bureau report of " + day + " rates the customer " + current.Rating + Was(previous?.Rating.ToString())
                        + ", at or below the alert rating " + Band(threshold) + whose + ".")
                    : null;
            case BureauAlertCriterion.RatingDowngrade:
                return previous is not null && (int)current.Rating - (int)previous.Rating >= threshold
                    ? new BureauAlert(rule, (int)current.Rating - (int)previous.Rating, "The bureau report of " + day + " downgrades the customer from " + previous.Rating + " to " + current.Rating
                        + ", " + Whole((int)current.Rating - (int)previous.Rating) + " band(s); the alert is at " + Whole(threshold) + whose + ".")
                    : null;
            case BureauAlertCriterion.SolvencyBelow:
                return current.SolvencyScore < threshold && (previous is null || previous.SolvencyScore >= threshold)
                    ? new BureauAlert(rule, current.SolvencyScore, "The bureau report of " + day + " gives a solvency score of " + current.SolvencyScore + " of 100" + Was(previous?.SolvencyScore.ToString(CultureInfo.InvariantCulture))
                        + ", below the alert level of " + Whole(threshold) + whose + ".")
                    : null;
            case BureauAlertCriterion.SolvencyDrop:
                return previous is not null && previous.SolvencyScore - current.SolvencyScore >= threshold
                    ? new BureauAlert(rule, previous.SolvencyScore - current.SolvencyScore, "The bureau report of " + day + " gives a solvency score of " + current.SolvencyScore + ", down "
                        + (previous.SolvencyScore - current.SolvencyScore) + " points from " + previous.SolvencyScore + "; the alert is at a drop of " + Whole(threshold) + whose + ".")
                    : null;
            case BureauAlertCriterion.RecommendedCreditBelowLimit:
                return RecommendedCreditBelow(rule, previous, current, subject, whose, day);
            case BureauAlertCriterion.DaysBeyondTermsAbove:
                return current.DaysBeyondTermsScore > threshold && (previous is null || previous.DaysBeyondTermsScore <= threshold)
                    ? new BureauAlert(rule, current.DaysBeyondTermsScore, "The bureau report of " + day + " gives a days-beyond-terms score of " + current.DaysBeyondTermsScore
                        + Was(previous?.DaysBeyondTermsScore.ToString(CultureInfo.InvariantCulture)) + ", above the alert level of " + Whole(threshold) + whose + ".")
                    : null;
            case BureauAlertCriterion.NewJudgment:
                return Increase(rule, current.Judgments, previous?.Judgments ?? 0, "judgment(s)", whose, day);
            case BureauAlertCriterion.NewPrivilege:
                return Increase(rule, current.Privileges, previous?.Privileges ?? 0, "privilege(s)", whose, day);
            default:
                throw new CreditInputException("Unknown bureau alert criterion " + rule.Criterion + ".");
        }
    }

    private static BureauAlert? RecommendedCreditBelow(BureauAlertRule rule, BureauReport? previous, BureauReport current, BureauAlertSubject subject, string whose, string day)
    {
        if (subject.OurLimit <= 0 || current.RecommendedCredit is not { } recommended)
        {
            return null;
        }

        var level = decimal.Round(subject.OurLimit * rule.Threshold / 100m, 2);
        var wasBelow = previous?.RecommendedCredit is { } before && before < level;
        if (recommended >= level || wasBelow)
        {
            return null;
        }

        var share = rule.Threshold == 100m ? "our credit limit of " + MoneyText.Format(subject.Currency, subject.OurLimit)
            : Whole(rule.Threshold) + "% of our credit limit of " + MoneyText.Format(subject.Currency, subject.OurLimit) + " (" + MoneyText.Format(subject.Currency, level) + ")";
        return new BureauAlert(rule, recommended, "The bureau report of " + day + " recommends " + MoneyText.Format(subject.Currency, recommended) + " of credit"
            + (previous?.RecommendedCredit is { } was ? " (was " + MoneyText.Format(subject.Currency, was) + ")" : string.Empty) + ", below " + share + whose + ".");
    }

    private static BureauAlert? Increase(BureauAlertRule rule, int now, int before, string what, string whose, string day) =>
        now - before >= rule.Threshold && now > before
            ? new BureauAlert(rule, now - before, "The bureau report of " + day + " shows " + now + " " + what + ", " + (now - before) + " new since the previous report (" + before
                + "); the alert is at " + Whole(rule.Threshold) + " new" + whose + ".")
            : null;

    private static string Was(string? previous) => previous is null ? string.Empty : " (was " + previous + ")";

    private static string Band(decimal threshold) =>
        threshold is >= 1 and <= 5 ? ((BureauRating)(int)threshold).ToString() : Whole(threshold);

    private static string Whole(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
