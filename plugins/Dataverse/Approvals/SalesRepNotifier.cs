using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using TaskTable = CreditOS.Dataverse.Model.Task;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Tells the sales rep who owns an order why Finance rejected it: a task assigned to them, regarding the
/// order, due now. It shows in their activities and on the order's timeline.
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
}
