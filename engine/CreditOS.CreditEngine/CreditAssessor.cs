using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine;

/// <summary>
/// Scores a customer and derives the tier, policy, limit and suspension state. A customer below the starter threshold
/// (an empty history included) gets the starter tier and policy, and its scored tier automatically once the threshold is met.
/// </summary>
public static class CreditAssessor
{
    public static CreditAssessment Assess(HistorySummary summary, CreditConfiguration configuration, AccountCreditContext? context = null)
    {
        Require.NotNull(summary, "The history summary");
        Require.NotNull(configuration, "The credit configuration");
        context ??= AccountCreditContext.None;
        var score = CreditScorer.Score(summary, configuration);
        var scoredTier = TierAssigner.Assign(score, configuration);
        // No payment evidence yet means no score worth acting on: starter terms, whatever the order count.
        var starter = score.NotYetScored || configuration.StarterTerms.AppliesTo(summary.CompletedOrderCount, summary.MonthsOfHistory);
        var tier = starter ? configuration.Tier(configuration.StarterTerms.TierCode) : scoredTier;
        var policy = starter ? configuration.Policy(configuration.StarterTerms.PolicyCode) : configuration.Policy(tier.PolicyCode);
        var limit = CreditLimitCalculator.Calculate(policy, summary, context);

        return new CreditAssessment
        {
            Score = score,
            Tier = tier,
            ScoredTier = scoredTier,
            Policy = policy,
            IsOnStarterTerms = starter,
            Suspension = SuspensionEvaluator.Evaluate(summary, configuration.Suspension, context.SuspensionWaiver),
            CreditLimit = limit.Limit,
            LimitExplanation = limit.Explanation,
            RequiresPrepayment = context.RequiresPrepayment(policy.RequiresPrepayment),
            ManualHold = summary.Flags.ManualHold,
        };
    }

    /// <summary>Summarizes a raw history as of a date and assesses it.</summary>
    public static CreditAssessment Assess(CustomerHistory history, DateTime asOf, CreditConfiguration configuration, AccountCreditContext? context = null) =>
        Assess(HistorySummarizer.Summarize(history, asOf), configuration, context);
}
