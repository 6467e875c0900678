namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// A versioned set of scoring rules (cos_scoringruleset). It applies to a customer group, or else an industry vertical,
/// or, with neither set, to everyone (the default). The most specific set wins; among versions, the highest.
/// Every score records the name and version that produced it.
/// </summary>
public sealed record ScoringRuleSet
{
    /// <summary>Risk given when no risk factor can be measured (nothing known yet): a neutral middle.</summary>
    public const double DefaultRiskWithoutEvidence = 50;

    public required string Name { get; init; }
    public required int Version { get; init; }
    public string? CustomerGroup { get; init; }
    public string? IndustryVertical { get; init; }
    public required IReadOnlyList<ScoringRule> Rules { get; init; }
    public double RiskWithoutEvidence { get; init; } = DefaultRiskWithoutEvidence;

    /// <summary>Recency weights and the segment prior the whole-history payment factors use.</summary>
    public EvidenceSettings Evidence { get; init; } = EvidenceSettings.Default;

    public bool IsDefault => string.IsNullOrEmpty(CustomerGroup) && string.IsNullOrEmpty(IndustryVertical);

    public string Label => Name + " v" + Version;
}
