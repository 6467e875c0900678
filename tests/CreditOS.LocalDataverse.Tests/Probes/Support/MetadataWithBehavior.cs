using System.Reflection;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Tests.Probes.Support;

/// <summary>
/// The solution's metadata with one date and time column given another behaviour. The solution declares no TimeZoneIndependent column
/// (and a column's behaviour cannot be changed to it once it holds data), so the probes of that behaviour make one: a copy of the
/// column with only <see cref="ColumnDefinition.DateTimeBehavior"/> changed, everything else (type, tables, keys, relationships) as loaded.
/// </summary>
internal static class MetadataWithBehavior
{
    private static readonly MethodInfo ShallowCopy = typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!;

    public static MetadataCatalog For(string table, string column, DateTimeBehavior behavior)
    {
        var solution = SolutionMetadataLoader.LoadEmbedded();
        var tables = solution.Tables.Select(definition => definition.LogicalName == table ? WithBehavior(definition, column, behavior) : definition);
        return new MetadataCatalog(tables.ToList(), solution.Relationships);
    }

    private static TableDefinition WithBehavior(TableDefinition table, string column, DateTimeBehavior behavior)
    {
        var original = table.FindColumn(column) ?? throw new ArgumentException($"'{table.LogicalName}' has no column '{column}'.", nameof(column));
        if (original.Type != ColumnType.DateTime)
        {
            throw new ArgumentException($"'{table.LogicalName}.{column}' is {original.Type}, not a date and time column.", nameof(column));
        }

        var changed = Copy(original);
        typeof(ColumnDefinition).GetProperty(nameof(ColumnDefinition.DateTimeBehavior))!.SetValue(changed, behavior);
        var columns = table.Columns.ToDictionary(pair => pair.Key, pair => pair.Key == column ? changed : pair.Value, StringComparer.Ordinal);
        var copy = Copy(table);
        typeof(TableDefinition).GetProperty(nameof(TableDefinition.Columns))!.SetValue(copy, columns);
        return copy;
    }

    private static T Copy<T>(T value) => (T)ShallowCopy.Invoke(value, null)!;
}
