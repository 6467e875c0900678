using CreditOS.Dataverse.Approvals;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Controls round 10: the credit configuration every order and limit is decided under (policies: limits, hard caps,
/// grace days, the utilization above which orders are refused, whether every order needs Finance, prepayment; tiers and
/// the tier matrix: which policy a customer gets; scoring rules and rule sets: its scores) is kept by someone who decides
/// no credit approvals. Round 5 kept the approval routes from approvers and session 11 the authority matrix; the policies,
/// tiers and scoring were still written by anyone holding the Credit Administrator role, an approver included: Cleo
/// (Credit Administrator and Finance approver) raised the grace days of the Standard policy from 5 to 60 and lifted its
/// utilization block, loosening for every customer the holds she is asked to release. The credit flow (SYSTEM: seeding,
/// a rule set's activation) and a Credit Administrator who decides nothing (Carl) keep them.
/// </summary>
public static class ConfigurationKeepers
{
    /// <summary>At most: who SYSTEM is (once per organization) and the approver directory (role, team role, Finance team).</summary>
    public const int MaximumCalls = 1 + 3;

    /// <param name="isCreditFlow">Whether the caller is SYSTEM (asked first).</param>
    /// <param name="decidesApprovals">Whether the caller decides credit approvals (<see cref="ApproverDirectory.IsFinanceApprover"/>).</param>
    /// <param name="what">The row as the refusal names it, for example "credit policy 'STANDARD'".</param>
    /// <param name="change">What was asked: "create", "change" or "delete".</param>
    public static void Ensure(Func<bool> isCreditFlow, Func<bool> decidesApprovals, string what, string change)
    {
        if (isCreditFlow() || !decidesApprovals())
        {
            return;
        }

        throw new InvalidPluginExecutionException(
            $"You decide credit approvals, so you cannot {change} {what} (segregation of duties): the credit policies, tiers, tier matrix and scoring rules decide which orders and limits reach Finance, "
            + "and you decide what reaches you. A Credit Administrator who decides no approvals keeps the credit configuration.");
    }
}
