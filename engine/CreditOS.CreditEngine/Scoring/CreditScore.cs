using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// Value (0-100, higher = more valuable) and Risk (0-100, higher = riskier) with their factor contributions,
/// the top reasons in plain words and the rule set (name and version) that produced them.
/// </summary>
public sealed record CreditScore
{
    public required string CustomerId { get; init; }
    public required DateTime AsOf { get; init; }
    public required double Value { get; init; }
    public required double Risk { get; init; }
    public required RiskLevel RiskLevel { get; init; }
    public required ValueBand ValueBand { get; init; }
    public required IReadOnlyList<FactorContribution> ValueContributions { get; init; }
    public required IReadOnlyList<FactorContribution> RiskContributions { get; init; }

    /// <summary>What drives the risk score most, most important first (empty when nothing adds risk).</summary>
    public required IReadOnlyList<string> RiskReasons { get; init; }

    /// <summary>What drives the value score most.</summary>
    public required IReadOnlyList<string> ValueReasons { get; init; }

    /// <summary>Factors that could not be measured (e.g. no bureau report), so their weight went to the others.</summary>
    public required IReadOnlyList<ScoringFactor> Unmeasured { get; init; }

    public required string RuleSetName { get; init; }
    public required int RuleSetVersion { get; init; }

    /// <summary>
    /// No invoice has a known outcome yet (none settled, none past due): the risk figure is only the segment's prior
    /// (and the bureau, if any), so the customer is shown as "not yet scored" and kept on starter terms, never as "Low".
    /// </summary>
    public bool NotYetScored { get; init; }

    /// <summary>The risk as a person should read it: "not yet scored" or the figure and level.</summary>
    public string RiskText => NotYetScored
        ? "not yet scored"
        : Risk.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " " + RiskLevel;
}
