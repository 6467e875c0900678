using CreditOS.LocalDataverse.Service;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Values;

/// <summary>
/// The queue item columns the platform keeps (round 26). The QueueItem table reference (reference/entities/queueitem) lists
/// <c>queueid</c> and <c>objectid</c> with "IsValidForUpdate False", and <c>title</c> ("This value is copied from the record that was
/// assigned to the queue") and <c>enteredon</c> ("Shows the date the record was assigned to the queue") among the read-only columns
/// (neither IsValidForCreate nor IsValidForUpdate): solution/standard-tables/queueitem declares them so, so a caller's value is refused
/// as not valid for create/update. An item changes queue only through AddToQueue (the one message here that moves it), whose own
/// Update of the item may write the queue and the date it entered it.
/// </summary>
internal static class QueueItemColumns
{
    public const string Table = "queueitem";
    public const string Title = "title";
    public const string EnteredOn = "enteredon";
    public const string QueueId = "queueid";
    public const string ObjectId = "objectid";

    private static readonly HashSet<string> MovedByAddToQueue = new(StringComparer.Ordinal) { QueueId, EnteredOn };

    /// <summary>The columns not valid for update that this Update may still write: AddToQueue's move of the item, nothing else.</summary>
    public static IReadOnlySet<string>? WrittenByThePlatform(MessageContext context, TableDefinition table) =>
        table.LogicalName == Table && context.Origin.Generated && context.Origin.ParentContext?.MessageName == MessageNames.AddToQueue
            ? MovedByAddToQueue
            : null;

    /// <summary>
    /// A new item: the date it entered its queue is now, and its title the primary name of the row it holds as that row stands (a
    /// copy, so a later rename of the row does not change it). Tables without the columns (test catalogs) are left as they are.
    /// </summary>
    public static void OnCreate(MessageContext context, TableDefinition table, Entity row, DateTime now)
    {
        if (table.LogicalName != Table)
        {
            return;
        }

        if (table.FindColumn(EnteredOn) is not null)
        {
            row[EnteredOn] = now;
        }

        if (table.FindColumn(Title) is not null
            && row.GetAttributeValue<string>(Title) is null
            && row.GetAttributeValue<EntityReference>(ObjectId) is { } held
            && context.Metadata.FindTable(held.LogicalName)?.PrimaryNameAttribute is { } nameColumn
            && context.FindRow(held.LogicalName, held.Id)?.GetAttributeValue<string>(nameColumn) is { Length: > 0 } name)
        {
            row[Title] = name;
        }
    }
}
