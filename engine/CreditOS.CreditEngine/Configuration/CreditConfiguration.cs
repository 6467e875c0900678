using CreditOS.CreditEngine.Alerts;
using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Limits;
using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Configuration;

/// <summary>
/// All credit rules as data. Each list maps to rows administrators keep in Dataverse (rule sets and rules, tiers,
/// policies); check it with <see cref="CreditConfigurationValidator"/> before use. <see cref="DefaultCreditConfiguration"/>
/// ships a documented starting point.
/// </summary>
public sealed record CreditConfiguration
{
    public required IReadOnlyList<ScoringRuleSet> RuleSets { get; init; }
    public IReadOnlyList<SegmentRevenueReference> RevenueReferences { get; init; } = [];

    /// <summary>Reference annual revenue for segments without their own.</summary>
    public required decimal DefaultAnnualRevenueReference { get; init; }

    public required RiskLevelThresholds RiskLevels { get; init; }
    public required ValueBandThresholds ValueBands { get; init; }
    public required IReadOnlyList<CreditTier> Tiers { get; init; }
    public required IReadOnlyList<TierMatrixCell> TierMatrix { get; init; }
    public required IReadOnlyList<CreditPolicy> Policies { get; init; }
    public required StarterTermsRule StarterTerms { get; init; }
    public SuspensionRules Suspension { get; init; } = new();
    public LimitAdjustmentRules LimitAdjustment { get; init; } = new();
    public AlertRules Alerts { get; init; } = AlertRules.Default;

    /// <summary>Below which score change a rescoring is not a new picture (<see cref="Scoring.ScoreMateriality"/>).</summary>
    public ScoreMateriality ScoreMateriality { get; init; } = ScoreMateriality.Default;

    /// <summary>Below which move the nightly batch keeps an open invoice's stored worklist figures (<see cref="Collections.WorklistMateriality"/>).</summary>
    public Collections.WorklistMateriality WorklistMateriality { get; init; } = Collections.WorklistMateriality.Default;

    public CreditTier Tier(string code) =>
        Tiers.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.Ordinal))
        ?? throw new CreditInputException("No credit tier with code '" + code + "' is configured.");

    public CreditPolicy Policy(string code) =>
        Policies.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.Ordinal))
        ?? throw new CreditInputException("No credit policy with code '" + code + "' is configured.");

    public decimal RevenueReferenceFor(History.CustomerSegment segment)
    {
        var byGroup = RevenueReferences.FirstOrDefault(r => !string.IsNullOrEmpty(segment.CustomerGroup) && string.Equals(r.Segment, segment.CustomerGroup, StringComparison.OrdinalIgnoreCase));
        var byIndustry = RevenueReferences.FirstOrDefault(r => !string.IsNullOrEmpty(segment.IndustryVertical) && string.Equals(r.Segment, segment.IndustryVertical, StringComparison.OrdinalIgnoreCase));
        return (byGroup ?? byIndustry)?.AnnualRevenue ?? DefaultAnnualRevenueReference;
    }
}
