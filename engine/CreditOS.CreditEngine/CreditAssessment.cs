using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine;

/// <summary>A customer's full credit picture after (re)scoring: scores, tier, policy, limit, starter and suspension state.</summary>
public sealed record CreditAssessment
{
    public required CreditScore Score { get; init; }

    /// <summary>The tier in effect: the starter tier while on starter terms, otherwise the scored tier.</summary>
    public required CreditTier Tier { get; init; }

    /// <summary>The tier the scores alone lead to (what the customer moves to once starter terms end).</summary>
    public required CreditTier ScoredTier { get; init; }

    public required CreditPolicy Policy { get; init; }
    public required bool IsOnStarterTerms { get; init; }
    public required SuspensionState Suspension { get; init; }
    public required decimal CreditLimit { get; init; }
    public required string LimitExplanation { get; init; }

    /// <summary>Credit management put the account on hold: every order goes to Finance.</summary>
    public bool ManualHold { get; init; }

    /// <summary>Orders must be paid in advance: the policy says so and Finance has not set a limit.</summary>
    public required bool RequiresPrepayment { get; init; }

    public string PaymentTerms => Policy.TermsText;

    /// <summary>The policy figures the order decision needs, to store on the account row.</summary>
    public OrderPolicyTerms OrderTerms => new(Policy.GraceDays, Policy.ApprovalRequirement, Policy.BlockAboveUtilization, RequiresPrepayment, Policy.OverdueTolerance);
}
