namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// One cos_scoringrule row as administrators keep it: a factor (option set value = <see cref="ScoringFactor"/>),
/// its weight, and one band. A factor's rows are grouped into a <see cref="ScoringRule"/> by <see cref="ScoringBandRows"/>.
/// </summary>
public sealed record ScoringBandRow(ScoringFactor Factor, double Weight, double? LowerBound, double? UpperBound, double Points);

/// <summary>Groups flat band rows into scoring rules; all rows of a factor must carry the same weight.</summary>
public static class ScoringBandRows
{
    public static IReadOnlyList<ScoringRule> ToRules(IEnumerable<ScoringBandRow> rows)
    {
        Require.NotNull(rows, "The scoring rule rows");
        var rules = new List<ScoringRule>();
        foreach (var factor in rows.GroupBy(r => r.Factor).OrderBy(g => g.Key))
        {
            var weights = factor.Select(r => r.Weight).Distinct().ToList();
            if (weights.Count > 1)
            {
                throw new CreditInputException(
                    "The rows of factor " + factor.Key + " carry different weights (" + string.Join(", ", weights.Select(w => MoneyText.Number(w, "0.##"))) + "); give them all the same weight.");
            }

            var bands = factor.OrderBy(r => r.LowerBound ?? double.NegativeInfinity).Select(r => new ScoreBand(r.LowerBound, r.UpperBound, r.Points)).ToList();
            rules.Add(new ScoringRule(factor.Key, weights[0], bands));
        }

        return rules;
    }

    /// <summary>The rows a rule set is stored as (one per band), for seeding Dataverse with the default configuration.</summary>
    public static IReadOnlyList<ScoringBandRow> FromRules(IEnumerable<ScoringRule> rules)
    {
        Require.NotNull(rules, "The scoring rules");
        return rules.SelectMany(rule => rule.Bands.Select(band => new ScoringBandRow(rule.Factor, rule.Weight, band.LowerBound, band.UpperBound, band.Points))).ToList();
    }
}
