using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using TaskTable = CreditOS.Dataverse.Model.Task;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Tells the sales rep who owns an order why Finance rejected it: a task assigned to them, regarding the
/// order, due now. It shows in their activities and on the order's timeline. The same for Finance's questions.
/// </summary>
public static class SalesRepNotifier
{
    public static Guid TellOrderRejected(IOrganizationService service, EntityReference order, string reason, DateTime now)
    {
        var row = service.Retrieve(SalesOrder.EntityLogicalName, order.Id, new ColumnSet(SalesOrder.Fields.Name, SalesOrder.Fields.OwnerId));
        var owner = row.GetAttributeValue<EntityReference>(SalesOrder.Fields.OwnerId)
            ?? throw new InvalidPluginExecutionException($"Order {order.Id} has no owner to tell about the rejection.");
        return service.Create(new Entity(TaskTable.EntityLogicalName)
        {
            [TaskTable.Fields.Subject] = $"Finance rejected order {row.GetAttributeValue<string>(SalesOrder.Fields.Name)}",
            [TaskTable.Fields.Description] = reason,
            [TaskTable.Fields.RegardingObjectId] = order,
            [TaskTable.Fields.OwnerId] = owner,
            [TaskTable.Fields.ScheduledEnd] = now,
        });
    }

    /// <summary>
    /// Tells the sales rep what Finance asks before deciding: a task for the order's owner (or, for a limit request,
    /// whoever raised it), regarding the order (or the account), due now. They answer on the request.
    /// </summary>
    public static void AskForInformation(IOrganizationService service, Entity request, string requestName, string question, DateTime now)
    {
        var order = request.GetAttributeValue<EntityReference>(CreditApprovalRequest.Fields.SalesOrderId);
        var owner = order is null
            ? request.GetAttributeValue<EntityReference>(CreditApprovalRequest.Fields.RequestedBy)
            : service.Retrieve(SalesOrder.EntityLogicalName, order.Id, new ColumnSet(SalesOrder.Fields.OwnerId)).GetAttributeValue<EntityReference>(SalesOrder.Fields.OwnerId);
        if (owner is null)
        {
            throw new InvalidPluginExecutionException($"Credit approval request '{requestName}' has nobody to ask: its order has no owner and nobody raised it.");
        }

        service.Create(new Entity(TaskTable.EntityLogicalName)
        {
            [TaskTable.Fields.Subject] = $"Finance asks about {requestName}",
            [TaskTable.Fields.Description] = question + " Answer on the credit approval request (Sales rep's answer); it then goes back to Finance.",
            [TaskTable.Fields.RegardingObjectId] = order ?? request.GetAttributeValue<EntityReference>(CreditApprovalRequest.Fields.AccountId),
            [TaskTable.Fields.OwnerId] = owner,
            [TaskTable.Fields.ScheduledEnd] = now,
        });
    }
}
