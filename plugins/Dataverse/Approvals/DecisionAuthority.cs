using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Segregation of duties for credit decisions: only Finance approvers decide, and never on a request they
/// raised themselves. Checked on the server by the decision guard plug-in and again by the activity that
/// applies the decision.
/// </summary>
public static class DecisionAuthority
{
    public static void EnsureMayDecide(IOrganizationService service, Guid deciderId, EntityReference? requestedBy, string requestName)
    {
        if (requestedBy is not null && requestedBy.Id == deciderId)
        {
            throw new InvalidPluginExecutionException(
                $"You raised the credit approval request '{requestName}', so you cannot decide it: another Finance approver must (segregation of duties).");
        }

        if (!ApproverDirectory.IsFinanceApprover(service, deciderId))
        {
            throw new InvalidPluginExecutionException(
                $"Only members of the '{ApprovalConfiguration.FinanceApproverRoleName}' role or the Finance credit approvers team may approve or reject credit approval request '{requestName}'.");
        }
    }
}
