using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Scoring;

/// <summary>Picks the rule set for a segment: customer group, else industry vertical, else default; highest version wins.</summary>
public static class RuleSetSelector
{
    public static ScoringRuleSet Select(IReadOnlyList<ScoringRuleSet> ruleSets, CustomerSegment segment)
    {
        Require.NotNull(ruleSets, "The scoring rule sets");
        Require.NotNull(segment, "The customer segment");
        return Newest(ruleSets.Where(r => Matches(r.CustomerGroup, segment.CustomerGroup) && string.IsNullOrEmpty(r.IndustryVertical)))
            ?? Newest(ruleSets.Where(r => Matches(r.IndustryVertical, segment.IndustryVertical) && string.IsNullOrEmpty(r.CustomerGroup)))
            ?? Newest(ruleSets.Where(r => r.IsDefault))
            ?? throw new CreditInputException("No default scoring rule set is configured; add one without customer group and industry.");
    }

    private static bool Matches(string? ruleSetValue, string customerValue) =>
        !string.IsNullOrEmpty(ruleSetValue) && string.Equals(ruleSetValue, customerValue, StringComparison.OrdinalIgnoreCase);

    private static ScoringRuleSet? Newest(IEnumerable<ScoringRuleSet> candidates) =>
        candidates.OrderByDescending(r => r.Version).FirstOrDefault();
}
