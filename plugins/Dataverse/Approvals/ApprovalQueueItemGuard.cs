using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// An open credit approval request stays in the queue the credit flow put it in until it is decided, cancelled or
/// escalated: a person (a Finance approver holds Write and Delete on queue items, to work on them) may not delete its
/// queue item nor move it to another queue, so no approver without the authority to approve a request hides it from the
/// approvers who have it, nor deactivate it (SetState or its statecode; round 9), which takes it out of the queue's lists
/// the same way. Working on an item (its worker) stays open; items of anything else are not concerned; a
/// decided or cancelled request's items are the credit flow's to remove and anyone's to tidy.
/// Calls: 0 for an item of something else or a change that moves nothing; otherwise who SYSTEM is (1) and the request's
/// status (1); + 1 when the platform gave no image of the item.
/// </summary>
public static class ApprovalQueueItemGuard
{
    public const int MaximumCalls = 3;

    /// <summary>The inactive state of a queue item: out of its queue's lists as a deleted item is (statecode 1).</summary>
    public const int InactiveState = 1;

    /// <summary>
    /// Whether an update takes the item out of its queue by deactivating it (controls round 9: Fiona's SetState of the
    /// item of a 180,000.00 limit request beyond her 100,000.00 authority hid it as deleting it did). Without the item's
    /// image a write of the inactive state counts as one; reactivating is not.
    /// </summary>
    public static bool Deactivates(Entity target, Entity? before) =>
        target.GetAttributeValue<OptionSetValue>(QueueItem.Fields.StateCode)?.Value == InactiveState
        && before?.GetAttributeValue<OptionSetValue>(QueueItem.Fields.StateCode)?.Value != InactiveState;

    /// <param name="item">The queue item as it was (object and queue), or null when only its id is known.</param>
    /// <param name="movesTo">The queue the update moves it to, or null on Delete.</param>
    /// <param name="deactivating">The update sets the item inactive (<see cref="Deactivates"/>).</param>
    /// <param name="pointsTo">The row the update points the item at instead (its object), or null.</param>
    public static void Ensure(IOrganizationService system, IExecutionContext context, Guid itemId, Entity? item, EntityReference? movesTo, bool deleting, bool deactivating = false, EntityReference? pointsTo = null)
    {
        if (!deleting && !deactivating && movesTo is null && pointsTo is null)
        {
            return;
        }

        item ??= system.Retrieve(QueueItem.EntityLogicalName, itemId, new ColumnSet(QueueItem.Fields.ObjectId, QueueItem.Fields.QueueId));
        var subject = item.GetAttributeValue<EntityReference>(QueueItem.Fields.ObjectId);
        var moves = movesTo is not null && movesTo.Id != item.GetAttributeValue<EntityReference>(QueueItem.Fields.QueueId)?.Id;
        var repoints = pointsTo is not null && pointsTo.Id != subject?.Id;
        if (subject?.LogicalName != CreditApprovalRequest.EntityLogicalName
            || !(deleting || deactivating || moves || repoints)
            || CreditFlowIdentity.IsCreditFlow(context, system))
        {
            return;
        }

        var request = system.Retrieve(CreditApprovalRequest.EntityLogicalName, subject.Id, new ColumnSet(CreditApprovalRequest.Fields.Name, CreditApprovalRequest.Fields.ApprovalStatus, CreditApprovalRequest.Fields.StateCode));
        var open = request.GetAttributeValue<OptionSetValue>(CreditApprovalRequest.Fields.StateCode)?.Value != (int)CreditApprovalRequestState.Inactive
            && ApprovalStatuses.IsOpen(request.GetAttributeValue<OptionSetValue>(CreditApprovalRequest.Fields.ApprovalStatus)?.Value);
        if (open)
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{request.GetAttributeValue<string>(CreditApprovalRequest.Fields.Name)}' is open: its queue item stays where the credit flow put it until the request is decided, cancelled or escalated, so approvers whose authority covers it find it. "
                + (deleting ? "It cannot be removed from the queue by hand."
                    : deactivating ? "It cannot be taken out of its queue by deactivating its queue item."
                    : moves ? "It cannot be moved to another queue by hand."
                    : "Its queue item cannot be pointed at another row by hand."));
        }
    }
}
