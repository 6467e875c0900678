using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>Reads one column of one scope from a joined row.</summary>
internal sealed record ColumnReader(Scope Scope, ColumnDefinition Column)
{
    public ValueKind Kind { get; } = ValueKinds.Of(Column.Type);

    public string Name => Column.LogicalName;

    public object? ReadStored(Entity?[] row) =>
        row[Scope.Index] is { } entity && entity.Attributes.TryGetValue(Column.LogicalName, out var value) ? value : null;

    public object? Read(Entity?[] row) => CanonicalValue.FromStored(ReadStored(row), Kind);

    public static ColumnReader For(Scope scope, string column) => new(scope, Definition(scope, column));

    /// <summary>The column's definition, refusing what a query cannot read (an unknown column, a party list): the planner checks every selected column so, without a reader each.</summary>
    public static ColumnDefinition Definition(Scope scope, string column)
    {
        var definition = scope.Table.FindColumn(column) ?? throw QueryFaults.UnknownColumn(scope.Table, column);
        return definition.Type == ColumnType.PartyList
            ? throw Faults.DataverseFault.NotImplemented(
                $"the PartyList column '{scope.Table.LogicalName}.{column}' in a query (its parties are activityparty rows: query activityparty by activityid and participationtypemask)")
            : definition;
    }
}
