using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The hierarchy condition operators (Query hierarchical data): <c>under</c>, <c>eq-or-under</c>, <c>not-under</c>,
/// <c>above</c> and <c>eq-or-above</c>. As in Dataverse they apply only to a table with a hierarchical relationship
/// (a self-referencing one-to-many marked <c>IsHierarchical</c>, e.g. account_parent_account on parentaccountid), on its
/// primary key, with one record id as the value. Dataverse limits a hierarchy query to 100 recursions; what it returns
/// past that is not documented, so the local Dataverse refuses a deeper walk rather than answer something plausible. A
/// loop in stored data (which Create and Update refuse) is reported as Dataverse reports it for accounts.
/// </summary>
internal static class HierarchyWalker
{
    /// <summary>The recursion limit Dataverse documents for hierarchical queries.</summary>
    public const int MaxDepth = 100;

    public static bool IsHierarchyOperator(ConditionOperator op) =>
        op is ConditionOperator.Under or ConditionOperator.UnderOrEqual or ConditionOperator.NotUnder
            or ConditionOperator.Above or ConditionOperator.AboveOrEqual;

    public static RowPredicate Compile(IRowSource rows, ColumnReader column, ConditionOperator op, object?[] values)
    {
        var table = column.Scope.Table;
        var hierarchy = rows.Metadata.FindHierarchy(table.LogicalName)
            ?? throw QueryFaults.InvalidArgument(
                $"The {op} condition operator needs a hierarchical relationship, and '{table.LogicalName}' has none (only a self-referencing relationship marked hierarchical can be queried this way).");
        if (!string.Equals(column.Name, table.PrimaryIdAttribute, StringComparison.Ordinal))
        {
            throw QueryFaults.InvalidArgument(
                $"The {op} condition operator applies to the primary key of '{table.LogicalName}' ({table.PrimaryIdAttribute}), not to '{column.Name}'.");
        }

        ConditionArity.Expect(column, op, values, 1);

        var root = (Guid)ConditionValueCoercer.Coerce(values[0], ValueKind.Identifier, table.LogicalName, column.Name);
        var parentColumn = hierarchy.ReferencingAttribute!;
        var keys = op switch
        {
            ConditionOperator.Under or ConditionOperator.NotUnder => Descendants(rows, table, parentColumn, root),
            ConditionOperator.UnderOrEqual => Descendants(rows, table, parentColumn, root).Append(root),
            ConditionOperator.Above => Ancestors(rows, table, parentColumn, root),
            _ => Ancestors(rows, table, parentColumn, root).Prepend(root),
        };
        var set = keys.Select(id => CanonicalValue.HashKey(id)).ToHashSet();
        var expected = op != ConditionOperator.NotUnder;
        return row => column.Read(row) is { } actual && set.Contains(CanonicalValue.HashKey(actual)) == expected;
    }

    private static List<Guid> Descendants(IRowSource rows, TableDefinition table, string parentColumn, Guid root)
    {
        var found = new List<Guid>();
        var seen = new HashSet<Guid> { root };
        var level = new List<Guid> { root };
        for (var depth = 0; level.Count > 0; depth++)
        {
            if (depth == MaxDepth)
            {
                throw TooDeep(table, root);
            }

            var next = new List<Guid>();
            foreach (var parent in level)
            {
                foreach (var child in Children(rows, table, parentColumn, parent))
                {
                    if (!seen.Add(child))
                    {
                        throw LoopExists(table);
                    }

                    next.Add(child);
                }
            }

            found.AddRange(next);
            level = next;
        }

        return found;
    }

    private static List<Guid> Ancestors(IRowSource rows, TableDefinition table, string parentColumn, Guid start)
    {
        var found = new List<Guid>();
        var seen = new HashSet<Guid> { start };
        var current = Row(rows, table, start);
        while (current?.GetAttributeValue<EntityReference>(parentColumn)?.Id is { } parent)
        {
            if (!seen.Add(parent))
            {
                throw LoopExists(table);
            }

            if (found.Count == MaxDepth)
            {
                throw TooDeep(table, start);
            }

            found.Add(parent);
            current = Row(rows, table, parent);
        }

        return found;
    }

    private static IEnumerable<Guid> Children(IRowSource rows, TableDefinition table, string parentColumn, Guid parent)
    {
        var children = rows.TrySeek(table.LogicalName, parentColumn, parent, out var indexed)
            ? indexed
            : rows.Scan(table.LogicalName).Where(row => row.GetAttributeValue<EntityReference>(parentColumn)?.Id == parent);
        return children.Select(row => row.Id).ToList();
    }

    private static Entity? Row(IRowSource rows, TableDefinition table, Guid id) =>
        rows.TrySeek(table.LogicalName, table.PrimaryIdAttribute, id, out var found)
            ? found.FirstOrDefault()
            : rows.Scan(table.LogicalName).FirstOrDefault(row => row.Id == id);

    private static System.ServiceModel.FaultException<OrganizationServiceFault> LoopExists(TableDefinition table) =>
        table.LogicalName == "account"
            ? DataverseFault.Create(DataverseErrorCodes.AccountLoopExists, "Loop exists in the accounts hierarchy.")
            : QueryFaults.NotSupported($"a loop in the '{table.LogicalName}' hierarchy (Dataverse's error for it is documented for accounts only)");

    private static System.ServiceModel.FaultException<OrganizationServiceFault> TooDeep(TableDefinition table, Guid root) =>
        QueryFaults.NotSupported(
            $"a hierarchy query on '{table.LogicalName}' from {root} deeper than {MaxDepth} levels (Dataverse limits hierarchical queries to {MaxDepth} recursions; what it returns beyond is not imitated)");
}
