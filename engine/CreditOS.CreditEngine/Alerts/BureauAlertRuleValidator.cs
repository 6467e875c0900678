using System.Globalization;

namespace CreditOS.CreditEngine.Alerts;

/// <summary>
/// Checks a bureau alert rule's threshold against what its criterion measures, so an administrator's typo is refused
/// with the allowed range instead of silently never (or always) firing.
/// </summary>
public static class BureauAlertRuleValidator
{
    /// <summary>The problem with the rule, or null when it is valid.</summary>
    public static string? Problem(BureauAlertRule rule)
    {
        Require.NotNull(rule, "The bureau alert rule");
        if (!Enum.IsDefined(typeof(BureauAlertCriterion), rule.Criterion))
        {
            return "the criterion is not one creditOS knows";
        }

        if (!Enum.IsDefined(typeof(AlertSeverity), rule.Severity))
        {
            return "the severity is not Information, Warning or Critical";
        }

        var range = Range(rule.Criterion);
        var min = range.Min;
        var max = range.Max;
        var whole = range.Whole;
        var meaning = range.Meaning;
        var inRange = rule.Threshold >= min && rule.Threshold <= max && (!whole || rule.Threshold == decimal.Truncate(rule.Threshold));
        return inRange
            ? null
            : "the threshold " + rule.Threshold.ToString("0.##", CultureInfo.InvariantCulture) + " is outside " + meaning + " ("
                + (whole ? "a whole number " : string.Empty) + "from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture) + ")";
    }

    public static void EnsureValid(IReadOnlyList<BureauAlertRule> rules)
    {
        Require.NotNull(rules, "The bureau alert rules");
        foreach (var rule in rules)
        {
            if (Problem(rule) is { } problem)
            {
                throw new CreditInputException("The bureau alert rule " + rule.Criterion + " for " + (rule.AppliesToAllGroups ? "all customer groups" : rule.CustomerGroup) + ": " + problem + ".");
            }
        }
    }

    private static ThresholdRange Range(BureauAlertCriterion criterion) => criterion switch
    {
        BureauAlertCriterion.RatingAtOrWorse => new(1m, 5m, true, "the rating bands 1 = A to 5 = E"),
        BureauAlertCriterion.RatingDowngrade => new(1m, 4m, true, "the bands a rating can fall"),
        BureauAlertCriterion.SolvencyBelow => new(1m, 100m, true, "the solvency score"),
        BureauAlertCriterion.SolvencyDrop => new(1m, 100m, true, "the points a solvency score can fall"),
        BureauAlertCriterion.RecommendedCreditBelowLimit => new(1m, 1000m, false, "the percentage of our credit limit"),
        BureauAlertCriterion.DaysBeyondTermsAbove => new(0m, 119m, true, "the days-beyond-terms score"),
        BureauAlertCriterion.NewJudgment or BureauAlertCriterion.NewPrivilege => new(1m, 100m, true, "the number of new entries"),
        _ => new(0m, 0m, true, "any range"),
    };

    private sealed record ThresholdRange(decimal Min, decimal Max, bool Whole, string Meaning);
}
