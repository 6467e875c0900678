using CreditOS.LocalDataverse.Query;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Benchmarks.Query;

/// <summary>A minimal in-memory row source with hash indexes on primary keys and lookups, for measuring the query engine alone.</summary>
public sealed class IndexedRowSource(MetadataCatalog metadata) : IRowSource
{
    private readonly Dictionary<string, List<Entity>> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Table, string Column), Dictionary<Guid, List<Entity>>> _indexes = [];

    public MetadataCatalog Metadata { get; } = metadata;

    public void Add(Entity row)
    {
        var table = Metadata.FindTable(row.LogicalName)!;
        if (!_tables.TryGetValue(row.LogicalName, out var rows))
        {
            rows = [];
            _tables[row.LogicalName] = rows;
        }

        rows.Add(row);
        foreach (var column in table.Columns.Values.Where(column => column.Type is ColumnType.PrimaryKey or ColumnType.Lookup))
        {
            var key = row.Attributes.TryGetValue(column.LogicalName, out var value)
                ? value switch { EntityReference reference => reference.Id, Guid id => id, _ => (Guid?)null }
                : null;
            if (key is not { } guid)
            {
                continue;
            }

            if (!_indexes.TryGetValue((row.LogicalName, column.LogicalName), out var index))
            {
                index = [];
                _indexes[(row.LogicalName, column.LogicalName)] = index;
            }

            if (!index.TryGetValue(guid, out var bucket))
            {
                bucket = [];
                index[guid] = bucket;
            }

            bucket.Add(row);
        }
    }

    public IEnumerable<Entity> Scan(string table) => _tables.TryGetValue(table, out var rows) ? rows : [];

    public bool TrySeek(string table, string column, object key, out IEnumerable<Entity> rows)
    {
        if (!_indexes.TryGetValue((table, column), out var index))
        {
            rows = [];
            return false;
        }

        rows = index.TryGetValue((Guid)key, out var bucket) ? bucket : [];
        return true;
    }
}
