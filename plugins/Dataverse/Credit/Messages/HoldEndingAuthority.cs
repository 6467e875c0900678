using CreditOS.CreditEngine.Approvals;
using CreditOS.Dataverse.Credit.Suspension;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Messages;

/// <summary>
/// Ending a running hold-code message lifts its hold on the account's new orders, a Finance decision like lifting a
/// suspension: every order within the customer's limit is approved without Finance again. So the ender's approval
/// authority (the matrix, <see cref="ApprovalAuthorityRules"/>) must cover what the ending puts back in force
/// (<see cref="ApprovalStake.HoldLift"/>: the limit in force, a valid temporary limit included, or the exposure when
/// higher), converted to base currency with the account currency's rate. The account is read as the suspension lift
/// reads it (one query, its currency joined), then the authority (2 calls). Otherwise the ending is refused with the
/// figures and the message keeps holding for an approver whose authority covers it.
/// </summary>
internal static class HoldEndingAuthority
{
    public const int Calls = 1 + SuspensionLiftAuthority.Calls;

    public static void Ensure(IOrganizationService system, Guid callerId, Guid accountId, string? messageName, DateTime now)
    {
        if (SuspensionLiftAuthority.RefusalFor(system, callerId, accountId, now, ApprovalStake.HoldLift, ApprovalAuthorityRules.HoldStaysFor) is { } refusal)
        {
            throw new InvalidPluginExecutionException("The message '" + messageName + "' cannot be ended by you: " + refusal);
        }
    }
}
