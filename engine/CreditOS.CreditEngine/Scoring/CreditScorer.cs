using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// Scores a customer from a history summary with the rule set selected for its segment. Each score is the weighted
/// average of the points of the measured factors (contributions add up to the score, rounded to one decimal).
/// Risk with no measurable factor is the rule set's <see cref="ScoringRuleSet.RiskWithoutEvidence"/>; value is 0.
/// </summary>
public static class CreditScorer
{
    public const int TopReasonCount = 3;
    private const int ScoreDecimals = 1;

    public static CreditScore Score(HistorySummary summary, CreditConfiguration configuration)
    {
        HistorySummaryValidator.Validate(summary);
        Require.NotNull(configuration, "The credit configuration");
        var ruleSet = RuleSetSelector.Select(configuration.RuleSets, summary.Segment);
        var reference = configuration.RevenueReferenceFor(summary.Segment);
        var unmeasured = new List<ScoringFactor>();
        var evidence = PaymentEvidence.Of(summary, ruleSet.Evidence);
        var value = Compute(ruleSet, ScoreKind.Value, summary, reference, evidence, unmeasured);
        var risk = Compute(ruleSet, ScoreKind.Risk, summary, reference, evidence, unmeasured);
        var valueScore = value.Contributions.Count > 0 ? value.Score : 0;
        var riskScore = risk.Contributions.Count > 0 ? risk.Score : ruleSet.RiskWithoutEvidence;

        return new CreditScore
        {
            CustomerId = summary.CustomerId,
            AsOf = summary.AsOf,
            Value = valueScore,
            Risk = riskScore,
            RiskLevel = configuration.RiskLevels.LevelOf(riskScore),
            ValueBand = configuration.ValueBands.BandOf(valueScore),
            ValueContributions = value.Contributions,
            RiskContributions = risk.Contributions,
            RiskReasons = TopReasons(risk.Contributions, onlyAdding: true),
            ValueReasons = TopReasons(value.Contributions, onlyAdding: false),
            Unmeasured = unmeasured,
            RuleSetName = ruleSet.Name,
            RuleSetVersion = ruleSet.Version,
            NotYetScored = !evidence.HasPaymentEvidence,
        };
    }

    private static ComputedScore Compute(
        ScoringRuleSet ruleSet, ScoreKind kind, HistorySummary summary, decimal reference, PaymentEvidence evidence, List<ScoringFactor> unmeasured)
    {
        var measured = new List<MeasuredFactor>(ruleSet.Rules.Count);
        var totalWeight = 0.0;
        foreach (var rule in ruleSet.Rules)
        {
            if (rule.Factor.KindOf() != kind)
            {
                continue;
            }

            var measure = FactorMeasurer.Measure(rule.Factor, summary, reference, evidence);
            if (measure is not { } known)
            {
                unmeasured.Add(rule.Factor);
                continue;
            }

            var points = rule.PointsFor(known)
                ?? throw new CreditInputException("Scoring rule set '" + ruleSet.Label + "' has no band for " + rule.Factor + " = " + MoneyText.Number(known, "0.##") + ".");
            measured.Add(new MeasuredFactor(rule, known, points));
            totalWeight += rule.Weight;
        }

        var contributions = new List<FactorContribution>(measured.Count);
        var score = 0.0;
        foreach (var item in measured)
        {
            var (rule, measure, points) = item;
            var share = rule.Weight / totalWeight;
            var contribution = points * share;
            score += contribution;
            contributions.Add(new FactorContribution(rule.Factor, measure, points, share, contribution, ReasonWriter.Describe(rule.Factor, measure, summary, evidence)));
        }

        return new ComputedScore(Math.Round(Bounded(score), ScoreDecimals, MidpointRounding.AwayFromZero), contributions);
    }

    // Points are validated to 0-100, so this only absorbs floating-point rounding at the ends.
    private static double Bounded(double score) => score < 0 ? 0 : score > 100 ? 100 : score;

    private static IReadOnlyList<string> TopReasons(IReadOnlyList<FactorContribution> contributions, bool onlyAdding) =>
        contributions
            .Where(c => !onlyAdding || c.Contribution > 0)
            .OrderByDescending(c => c.Contribution)
            .ThenBy(c => c.Factor)
            .Take(TopReasonCount)
            .Select(c => c.Reason)
            .ToList();
}

internal readonly record struct MeasuredFactor(ScoringRule Rule, double Measure, double Points);

internal sealed record ComputedScore(double Score, IReadOnlyList<FactorContribution> Contributions);
