using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Rules for a change of a request's approval status, enforced before the save: decisions are final;
/// approve or reject only by a Finance approver who did not raise the request (stamped as decider with the
/// time); a request never goes back to pending. Escalation and cancellation are the processes' moves.
/// </summary>
public static class DecisionGuard
{
    public static void Check(IOrganizationService service, Entity target, Entity before, Guid userId, DateTime now)
    {
        var next = target.GetAttributeValue<OptionSetValue>(RequestFields.ApprovalStatus)?.Value;
        var previous = before.GetAttributeValue<OptionSetValue>(RequestFields.ApprovalStatus)?.Value;
        if (next == previous)
        {
            return;
        }

        var name = before.GetAttributeValue<string>(RequestFields.Name) ?? before.Id.ToString();
        if (!ApprovalStatuses.IsOpen(previous))
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}' is already {Describe(previous)}; a decision is final. Raise a new request if the situation changed.");
        }

        if (next is null or (int)CreditApprovalStatus.Pending)
        {
            throw new InvalidPluginExecutionException($"Credit approval request '{name}' cannot be put back to pending.");
        }

        if (ApprovalStatuses.IsDecision(next))
        {
            DecisionAuthority.EnsureMayDecide(service, userId, before.GetAttributeValue<EntityReference>(RequestFields.RequestedBy), name);
            EnsureTemporaryLimitHasExpiry(target, name);
            target[RequestFields.DecidedBy] = new EntityReference(SystemUser.EntityLogicalName, userId);
            target[RequestFields.DecidedOn] = now;
        }
    }

    // Checked here, before anything is saved, so the decision is never recorded without the process being able to apply it.
    private static void EnsureTemporaryLimitHasExpiry(Entity target, string name)
    {
        if (target.GetAttributeValue<Money>(RequestFields.TemporaryLimit) is not null && target.GetAttributeValue<DateTime?>(RequestFields.TemporaryLimitExpiresOn) is null)
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}' grants a temporary limit without an expiry date; set 'Temporary limit expires on'.");
        }
    }

    private static string Describe(int? status) =>
        status is { } value && Enum.IsDefined(typeof(CreditApprovalStatus), value) ? ((CreditApprovalStatus)value).ToString().ToLowerInvariant() : "closed";
}
