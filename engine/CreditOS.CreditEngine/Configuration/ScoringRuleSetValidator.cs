using System.Globalization;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Configuration;

/// <summary>Checks rule sets: one default, unique versions, positive weights, bands that cover every measure exactly once, band edges in the factor's unit (<see cref="FactorUnits"/>).</summary>
public static class ScoringRuleSetValidator
{
    private const double MaximumPoints = 100;

    public static void Validate(IReadOnlyList<ScoringRuleSet> ruleSets, List<string> errors)
    {
        Require.NotNull(ruleSets, "The scoring rule sets");
        Require.NotNull(errors, "The error list");
        if (!ruleSets.Any(r => r.IsDefault))
        {
            errors.Add("A default scoring rule set (no customer group, no industry) is required so every customer can be scored.");
        }

        foreach (var group in ruleSets.GroupBy(r => (r.CustomerGroup ?? string.Empty) + "|" + (r.IndustryVertical ?? string.Empty) + "|" + r.Version, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add("Scoring rule sets " + string.Join(" and ", group.Select(r => "'" + r.Label + "'")) + " apply to the same customers with the same version; give each a new version.");
        }

        foreach (var ruleSet in ruleSets)
        {
            ValidateRuleSet(ruleSet, errors);
        }
    }

    public static void ValidateRuleSet(ScoringRuleSet ruleSet, List<string> errors)
    {
        Require.NotNull(ruleSet, "The scoring rule set");
        Require.NotNull(errors, "The error list");
        var where = "Scoring rule set '" + ruleSet.Label + "'";
        if (!ruleSet.Rules.Any(r => r.Factor.KindOf() == ScoreKind.Risk))
        {
            errors.Add(where + " has no risk rule; add at least one.");
        }

        if (!ruleSet.Rules.Any(r => r.Factor.KindOf() == ScoreKind.Value))
        {
            errors.Add(where + " has no value rule; add at least one.");
        }

        foreach (var duplicate in ruleSet.Rules.GroupBy(r => r.Factor).Where(g => g.Count() > 1))
        {
            errors.Add(where + " has " + duplicate.Count() + " rules for factor " + duplicate.Key + "; keep one.");
        }

        foreach (var rule in ruleSet.Rules)
        {
            ValidateRule(where + ", factor " + rule.Factor, rule, errors);
        }

        if (ruleSet.RiskWithoutEvidence is < 0 or > MaximumPoints)
        {
            errors.Add(where + ": the risk without evidence must be between 0 and 100.");
        }
    }

    private static void ValidateRule(string where, ScoringRule rule, List<string> errors)
    {
        if (!Enum.IsDefined(typeof(ScoringFactor), rule.Factor))
        {
            errors.Add(where + " is not a known factor.");
            return;
        }

        if (!(rule.Weight > 0))
        {
            errors.Add(where + " has weight " + Text(rule.Weight) + "; weights must be above zero (remove the rule to ignore the factor).");
        }

        if (rule.Bands.Count == 0)
        {
            errors.Add(where + " has no bands.");
            return;
        }

        foreach (var band in rule.Bands)
        {
            if (band.Points is < 0 or > MaximumPoints || double.IsNaN(band.Points))
            {
                errors.Add(where + ": band " + Range(band) + " gives " + Text(band.Points) + " points; points must be between 0 and 100.");
            }

            if (band.LowerBound is { } lower && band.UpperBound is { } upper && !(lower < upper))
            {
                errors.Add(where + ": band " + Range(band) + " is empty; its lower bound must be below its upper bound.");
            }
        }

        var edges = rule.Bands.SelectMany(b => new[] { b.LowerBound, b.UpperBound }).Where(e => e is not null).Select(e => e!.Value).Distinct().OrderBy(e => e).ToList();
        if (FactorUnits.Of(rule.Factor).Problem(edges) is { } units)
        {
            errors.Add(where + ": " + units + ".");
        }

        var ordered = rule.Bands.OrderBy(b => b.LowerBound ?? double.NegativeInfinity).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var previousEnd = ordered[i - 1].UpperBound ?? double.PositiveInfinity;
            var start = ordered[i].LowerBound ?? double.NegativeInfinity;
            if (start < previousEnd)
            {
                errors.Add(where + ": bands " + Range(ordered[i - 1]) + " and " + Range(ordered[i]) + " overlap.");
            }
            else if (start > previousEnd)
            {
                errors.Add(where + ": no band covers " + Text(previousEnd) + " to " + Text(start) + "; close the gap.");
            }
        }

        if (ordered[ordered.Count - 1].UpperBound is not null)
        {
            errors.Add(where + ": the highest band must be open-ended (no upper bound) so every measure is covered.");
        }
    }

    private static string Range(ScoreBand band) =>
        "[" + (band.LowerBound is { } lower ? Text(lower) : "-∞") + ", " + (band.UpperBound is { } upper ? Text(upper) : "∞") + ")";

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
