using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Values;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CreditOS.LocalDataverse.Service.Operations;

/// <summary>
/// AddToQueue: puts the row in the destination queue. An active queue item for the row (in the source
/// queue when one is given) is moved; otherwise a queue item is created. QueueItemProperties are applied.
/// </summary>
internal sealed class AddToQueueHandler : IMessageHandler
{
    private const string QueueItemTable = "queueitem";
    private const string QueueTable = "queue";
    private const string QueueColumn = "queueid";
    private const string ObjectColumn = "objectid";
    private const int ActiveState = 0;

    public string MessageName => MessageNames.AddToQueue;

    public void Describe(MessageContext context)
    {
        var target = context.RequireInput<EntityReference>(ParameterNames.Target);
        var (table, id) = TargetResolver.Resolve(context, target.LogicalName, target.Id, target.KeyAttributes);
        context.PrimaryEntityName = table.LogicalName;
        context.PrimaryEntityId = id;
    }

    public void Execute(MessageContext context)
    {
        var transaction = context.RequireTransaction();
        var destination = RequireGuid(context, ParameterNames.DestinationQueueId);
        TargetResolver.RequireRow(context, QueueTable, destination);
        var source = context.Input.TryGetValue(ParameterNames.SourceQueueId, out var s) && s is Guid sourceId ? sourceId : Guid.Empty;
        var properties = context.Input.TryGetValue(ParameterNames.QueueItemProperties, out var p) ? p as Entity : null;

        transaction.TrySeek(QueueItemTable, ObjectColumn, context.PrimaryEntityId, out var items);
        var current = items.FirstOrDefault(item =>
            item.GetAttributeValue<OptionSetValue>(SystemColumns.StateCode)?.Value is null or ActiveState
            && (source == Guid.Empty || item.GetAttributeValue<EntityReference>(QueueColumn)?.Id == source));

        if (properties?.Contains(QueueItemColumns.EnteredOn) == true)
        {
            // Read-only (QueueItem reference): the platform stamps it; the move's own Update may write it, a caller may not.
            throw DataverseFault.InvalidArgument(
                $"The attribute '{QueueItemColumns.EnteredOn}' of entity '{QueueItemTable}' is not valid for {(current is null ? "create" : "update")}.");
        }

        var queueItem = new Entity(QueueItemTable);
        foreach (var attribute in properties?.Attributes ?? [])
        {
            queueItem[attribute.Key] = attribute.Value;
        }

        queueItem[QueueColumn] = new EntityReference(QueueTable, destination);
        if (current is not null)
        {
            // The item enters the destination queue now ("the date the record was assigned to the queue", QueueItem reference: our
            // reading for a move, which the page does not single out); queueid and enteredon are not valid for a caller's update.
            if (current.GetAttributeValue<EntityReference>(QueueColumn)?.Id != destination
                && context.Metadata.FindTable(QueueItemTable)?.FindColumn(QueueItemColumns.EnteredOn) is not null)
            {
                queueItem[QueueItemColumns.EnteredOn] = context.Runtime.Clock.GetUtcNow().UtcDateTime;
            }

            queueItem.Id = current.Id;
            context.ExecuteWithin(new UpdateRequest { Target = queueItem });
            context.Output[ParameterNames.QueueItemId] = current.Id;
        }
        else
        {
            queueItem[ObjectColumn] = new EntityReference(context.PrimaryEntityName, context.PrimaryEntityId);
            var created = (CreateResponse)context.ExecuteWithin(new CreateRequest { Target = queueItem });
            context.Output[ParameterNames.QueueItemId] = created.id;
        }
    }

    public OrganizationResponse Respond(MessageContext context)
    {
        var response = new AddToQueueResponse();
        response.Results[ParameterNames.QueueItemId] = context.Output[ParameterNames.QueueItemId];
        return response;
    }

    private static Guid RequireGuid(MessageContext context, string name) =>
        context.Input.TryGetValue(name, out var value) && value is Guid id && id != Guid.Empty
            ? id
            : throw DataverseFault.InvalidArgument($"Required field '{name}' is missing.");
}
