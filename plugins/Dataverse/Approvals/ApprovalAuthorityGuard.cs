using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Fields = CreditOS.Dataverse.Model.ApprovalAuthority.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Who keeps the approval authority matrix, enforced before the save whatever the caller's privileges: nobody who
/// decides credit approvals (a Finance approver by role identity, through a team, or a member of the Finance team, as
/// <see cref="ApproverDirectory"/> knows them) creates, changes, deactivates or deletes an authority row, so no approver
/// sets, raises or frees their own authority (deleting a row that lowers one person would raise them to their team's).
/// That is the Credit Administrator's, who decides nothing. A row names a team or a user, not both (which would it be?).
/// </summary>
public static class ApprovalAuthorityGuard
{
    /// <summary>At most: the approver directory's three queries (role, role through a team, Finance team).</summary>
    public const int MaximumCalls = 3;

    /// <param name="row">The row as it would be saved (target over pre-image), or null on Delete.</param>
    public static void Ensure(IOrganizationService system, Guid callerId, Entity? row, string name)
    {
        if (row?.GetAttributeValue<EntityReference>(Fields.TeamId) is { } team && row.GetAttributeValue<EntityReference>(Fields.UserId) is { } user)
        {
            throw new InvalidPluginExecutionException(
                $"Approval authority '{name}' names both a team ({team.Name ?? team.Id.ToString()}) and a user ({user.Name ?? user.Id.ToString()}); a row applies to one of them: keep one, or add a second row.");
        }

        if (ApproverDirectory.IsFinanceApprover(system, callerId))
        {
            throw new InvalidPluginExecutionException(
                $"You decide credit approvals, so you cannot create, change or delete approval authority '{name}' (segregation of duties): the Credit Administrator keeps the approval authority matrix.");
        }
    }

    /// <summary>
    /// The approval routes (<c>cos_approvalrouting</c>) set the terms an approver decides under: the comment threshold,
    /// the longest temporary limit Finance grants, the queues and due time. Like the matrix, they are kept by someone
    /// who decides nothing, so an approver who also administers credit (Cleo) does not widen her own terms. Same calls
    /// as <see cref="Ensure"/>.
    /// </summary>
    public static void EnsureRoute(IOrganizationService system, Guid callerId, string name)
    {
        if (ApproverDirectory.IsFinanceApprover(system, callerId))
        {
            throw new InvalidPluginExecutionException(
                $"You decide credit approvals, so you cannot create, change or delete approval route '{name}' (segregation of duties): its comment threshold, temporary-limit term, queues and due time are the terms you decide under; the Credit Administrator keeps the approval routes.");
        }
    }
}
