using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Policies;

namespace CreditOS.CreditEngine.Scoring;

/// <summary>
/// What a customer's segment (customer group, industry) changes in how it is scored: the rule set it picks
/// (<see cref="RuleSetSelector"/>) and the revenue reference its Value score measures purchases against
/// (<see cref="CreditConfiguration.RevenueReferenceFor"/>), the two places <see cref="CreditScorer"/> reads the segment.
/// Controls round 26: a classification made before a customer's history can show what it does to its credit (a new
/// customer, on starter terms under any classification) is judged by this instead of by the limit it puts in force.
/// </summary>
public static class SegmentScoring
{
    /// <summary>
    /// How the configuration scores a customer of <paramref name="segment"/> otherwise than one of <paramref name="from"/>
    /// (<see cref="CustomerSegment.Unassigned"/>: unclassified), with the names and figures ("purchases measured against
    /// 10,000.00 a year instead of 120,000.00"); null when it scores them the same.
    /// </summary>
    public static string? Difference(CreditConfiguration configuration, CustomerSegment from, CustomerSegment segment)
    {
        Require.NotNull(configuration, "The credit configuration");
        Require.NotNull(from, "The customer segment before");
        Require.NotNull(segment, "The customer segment");
        var differences = new List<string>(2);
        var ruleSet = RuleSetSelector.Select(configuration.RuleSets, segment);
        var plainRuleSet = RuleSetSelector.Select(configuration.RuleSets, from);
        if (!ReferenceEquals(ruleSet, plainRuleSet))
        {
            differences.Add("scoring rule set '" + ruleSet.Label + "' instead of '" + plainRuleSet.Label + "'");
        }

        var reference = configuration.RevenueReferenceFor(segment);
        var plainReference = configuration.RevenueReferenceFor(from);
        if (reference != plainReference)
        {
            differences.Add("purchases measured against " + MoneyText.Amount(reference) + " a year instead of " + MoneyText.Amount(plainReference));
        }

        return differences.Count == 0 ? null : string.Join(" and ", differences);
    }

    /// <summary>
    /// Controls round 27: the credit policy whose cap is the highest credit limit the configuration's scoring can put in
    /// force for any customer (a scored limit never exceeds its policy's <see cref="CreditPolicy.HardCap"/>; only Finance
    /// approves more). A classification made before the customer's history can show what it does may, once starter terms
    /// end, put in force any limit up to this one, so that is what it stakes (<see cref="Approvals.ApprovalStake.UnmeasuredClassification"/>).
    /// </summary>
    public static CreditPolicy MostGenerousPolicy(CreditConfiguration configuration)
    {
        Require.NotNull(configuration, "The credit configuration");
        return configuration.Policies.OrderByDescending(policy => policy.HardCap).ThenBy(policy => policy.Code, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new CreditInputException("The credit configuration has no credit policy.");
    }
}
