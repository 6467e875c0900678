using CreditOS.CreditEngine.Policies;

namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// The policy figures an order check needs, small enough to keep on the account row next to the policy in effect so
/// the order-entry plugin does not read the policy table. <paramref name="OverdueTolerance"/> is the policy's
/// (<see cref="CreditPolicy.OverdueTolerance"/>); none when not given.
/// </summary>
public sealed record OrderPolicyTerms(
    int GraceDays, ApprovalRequirement ApprovalRequirement, double? BlockAboveUtilization, bool RequiresPrepayment, OverdueTolerance? OverdueTolerance = null)
{
    /// <summary>The policy's overdue tolerance; <see cref="Decisions.OverdueTolerance.None"/> when the policy has none.</summary>
    public OverdueTolerance Tolerance => OverdueTolerance ?? Decisions.OverdueTolerance.None;

    public void Validate()
    {
        if (GraceDays < 0)
        {
            throw new CreditInputException("Grace days must not be negative (got " + GraceDays + ").");
        }

        if (BlockAboveUtilization is { } block && !(block >= 1))
        {
            throw new CreditInputException("Orders can only be blocked above 100% utilization or more.");
        }

        if (!Tolerance.IsWellFormed)
        {
            throw new CreditInputException("The policy " + Tolerance.Problems().First());
        }
    }
}
