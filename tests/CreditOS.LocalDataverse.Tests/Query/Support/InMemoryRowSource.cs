using CreditOS.LocalDataverse.Query;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Query.Support;

/// <summary>A plain in-memory row source with an index on every primary key and lookup column, as the store keeps them.</summary>
public sealed class InMemoryRowSource(MetadataCatalog metadata) : IRowSource
{
    private readonly Dictionary<string, List<Entity>> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Table, string Column), Dictionary<Guid, List<Entity>>> _indexes = [];

    public MetadataCatalog Metadata { get; } = metadata;

    public int Seeks { get; private set; }

    public int Scans { get; private set; }

    public Entity Add(Entity row)
    {
        var table = Metadata.FindTable(row.LogicalName) ?? throw new ArgumentException($"Unknown table {row.LogicalName}.", nameof(row));
        row[table.PrimaryIdAttribute] = row.Id;
        if (!_tables.TryGetValue(row.LogicalName, out var rows))
        {
            rows = [];
            _tables[row.LogicalName] = rows;
        }

        rows.Add(row);
        foreach (var column in table.Columns.Values.Where(IsIndexed))
        {
            var key = row.Attributes.TryGetValue(column.LogicalName, out var value) ? value switch
            {
                EntityReference reference => reference.Id,
                Guid id => id,
                _ => (Guid?)null,
            } : null;
            if (key is { } guid)
            {
                var index = Index(row.LogicalName, column.LogicalName);
                if (!index.TryGetValue(guid, out var bucket))
                {
                    bucket = [];
                    index[guid] = bucket;
                }

                bucket.Add(row);
            }
        }

        return row;
    }

    public IEnumerable<Entity> Scan(string table)
    {
        Scans++;
        return _tables.TryGetValue(table, out var rows) ? rows : [];
    }

    public bool TrySeek(string table, string column, object key, out IEnumerable<Entity> rows)
    {
        var definition = Metadata.FindTable(table)?.FindColumn(column);
        if (definition is null || !IsIndexed(definition))
        {
            rows = [];
            return false;
        }

        Seeks++;
        rows = Index(table, column).TryGetValue((Guid)key, out var bucket) ? bucket : [];
        return true;
    }

    private static bool IsIndexed(ColumnDefinition column) =>
        column.Type is ColumnType.PrimaryKey or ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner;

    private Dictionary<Guid, List<Entity>> Index(string table, string column)
    {
        if (!_indexes.TryGetValue((table, column), out var index))
        {
            index = [];
            _indexes[(table, column)] = index;
        }

        return index;
    }
}
