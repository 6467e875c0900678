using CreditOS.LocalDataverse.Service;
using CreditOS.LocalDataverse.Values;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Pipeline;

/// <summary>
/// "When update requests are processed that include both state/status fields plus other standard fields, plug-ins registered for
/// the Update message in PreOperation and/or PostOperation stages execute once for all non-state/status fields, and then once for
/// the state/status fields" (Behavior of specialized update operations,
/// learn.microsoft.com/power-apps/developer/data-platform/special-update-operation-behavior; the same for workflows). The pipeline
/// runs stage 10 and the privilege checks once with the whole Target, then stages 20, 30 and 40 once per part, in one transaction.
/// The local Dataverse ran them once with every column.
/// </summary>
internal static class StateUpdateSplit
{
    /// <summary>The Targets of the two passes (other columns, then statecode/statuscode), or null when the Update needs one pass.</summary>
    public static IReadOnlyList<Entity>? Parts(MessageContext operation)
    {
        if (operation.MessageName != MessageNames.Update
            || !operation.Input.TryGetValue(ParameterNames.Target, out var value) || value is not Entity target)
        {
            return null;
        }

        // Most updates write no state column: answered without building the two lists.
        if (!target.Attributes.ContainsKey(SystemColumns.StateCode) && !target.Attributes.ContainsKey(SystemColumns.StatusCode))
        {
            return null;
        }

        var primaryId = operation.Metadata.FindTable(operation.PrimaryEntityName)?.PrimaryIdAttribute;
        var state = target.Attributes.Keys.Where(IsStateColumn).ToList();
        var others = target.Attributes.Keys.Where(column => !IsStateColumn(column) && column != primaryId).ToList();
        if (state.Count == 0 || others.Count == 0)
        {
            return null;
        }

        var first = Part(target, others);
        first.RowVersion = target.RowVersion;
        return [first, Part(target, state)];
    }

    /// <summary>The second pass carries the row's version after the first, so a concurrency check made once is not failed by it.</summary>
    public static void Follow(Entity part, Entity? row) => part.RowVersion = row?.RowVersion;

    private static bool IsStateColumn(string column) => column is SystemColumns.StateCode or SystemColumns.StatusCode;

    private static Entity Part(Entity target, IEnumerable<string> columns)
    {
        var part = new Entity(target.LogicalName, target.Id);
        foreach (var column in columns)
        {
            part[column] = target[column];
        }

        return part;
    }
}
