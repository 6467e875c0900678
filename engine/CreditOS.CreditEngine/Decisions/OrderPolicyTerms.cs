using CreditOS.CreditEngine.Policies;

namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// The policy figures an order check needs, small enough to keep on the account row next to the policy in effect so
/// the order-entry plugin does not read the policy table.
/// </summary>
public sealed record OrderPolicyTerms(int GraceDays, ApprovalRequirement ApprovalRequirement, double? BlockAboveUtilization, bool RequiresPrepayment)
{
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
    }
}
