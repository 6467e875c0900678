using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Storage;

/// <summary>
/// Committed rows of every table, with indexes on primary keys, lookup/customer/owner columns and
/// alternate-key columns. Readers get snapshots; a commit applies a transaction's writes atomically.
/// </summary>
internal sealed class RowStore : IDisposable
{
    private readonly ReaderWriterLockSlim _sync = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, TableData> _tables;
    private long _commits;

    public RowStore(MetadataCatalog metadata)
    {
        _tables = metadata.Tables.ToDictionary(
            table => table.LogicalName,
            table => new TableData(table.LogicalName, table.PrimaryIdAttribute, IndexedColumns(table), TextKeyColumns(table)),
            StringComparer.Ordinal);

        foreach (var relationship in metadata.Relationships.Where(r => r.Type == RelationshipType.ManyToMany))
        {
            if (relationship.IntersectTable is { } intersect && !_tables.ContainsKey(intersect))
            {
                _tables[intersect] = new TableData(
                    intersect,
                    intersect + "id",
                    new[] { relationship.IntersectReferencedAttribute, relationship.IntersectReferencingAttribute }.OfType<string>());
            }
        }
    }

    public bool HasTable(string table) => _tables.ContainsKey(table);

    /// <summary>Commits applied so far: any change of the committed data moves it (cached aggregates key on it).</summary>
    public long CommitCount => Interlocked.Read(ref _commits);

    /// <summary>Threads waiting to read or to commit, and readers inside (for diagnosing a stalled caller).</summary>
    public string LockState => $"{_sync.WaitingReadCount} waiting to read, {_sync.WaitingWriteCount} waiting to commit, {_sync.CurrentReadCount} reading";

    public Entity? Find(string table, Guid id)
    {
        _sync.EnterReadLock();
        try
        {
            return TableOrThrow(table).Find(id);
        }
        finally
        {
            _sync.ExitReadLock();
        }
    }

    public List<Entity> Scan(string table)
    {
        _sync.EnterReadLock();
        try
        {
            return [.. TableOrThrow(table).Rows];
        }
        finally
        {
            _sync.ExitReadLock();
        }
    }

    /// <summary>Committed rows whose column equals the key; null when the column has no index.</summary>
    public List<Entity>? Seek(string table, string column, object key)
    {
        return RowsBehind(table, data => data.Seek(column, key));
    }

    /// <summary>Committed rows whose text column equals the value by the query collation; null when the column has no text index.</summary>
    public List<Entity>? SeekText(string table, string column, string value)
    {
        return RowsBehind(table, data => data.SeekText(column, value));
    }

    /// <summary>The committed rows behind the ids an index gives; null when the table has no such index.</summary>
    private List<Entity>? RowsBehind(string table, Func<TableData, IReadOnlyCollection<Guid>?> seek)
    {
        _sync.EnterReadLock();
        try
        {
            var data = TableOrThrow(table);
            var ids = seek(data);
            if (ids is null)
            {
                return null;
            }

            var rows = new List<Entity>(ids.Count);
            foreach (var id in ids)
            {
                if (data.Find(id) is { } row)
                {
                    rows.Add(row);
                }
            }

            return rows;
        }
        finally
        {
            _sync.ExitReadLock();
        }
    }

    /// <summary>How many committed rows hold the text value by the query collation; null when the column has no text index.</summary>
    public int? SeekTextCount(string table, string column, string value)
    {
        _sync.EnterReadLock();
        try
        {
            return TableOrThrow(table).SeekText(column, value)?.Count;
        }
        finally
        {
            _sync.ExitReadLock();
        }
    }

    /// <summary>How many committed rows hold the key in the column; null when the column has no index.</summary>
    public int? SeekCount(string table, string column, object key)
    {
        _sync.EnterReadLock();
        try
        {
            return TableOrThrow(table).Seek(column, key)?.Count;
        }
        finally
        {
            _sync.ExitReadLock();
        }
    }

    public bool IsIndexed(string table, string column) => TableOrThrow(table).IsIndexed(column);

    public int Count(string table)
    {
        _sync.EnterReadLock();
        try
        {
            return TableOrThrow(table).Count;
        }
        finally
        {
            _sync.ExitReadLock();
        }
    }

    /// <summary>Applies a transaction's writes (null = deleted) as one atomic step.</summary>
    public void Apply(IReadOnlyDictionary<string, Dictionary<Guid, Entity?>> writes)
    {
        _sync.EnterWriteLock();
        try
        {
            foreach (var (table, rows) in writes)
            {
                var data = TableOrThrow(table);
                foreach (var (id, row) in rows)
                {
                    if (row is null)
                    {
                        data.Remove(id);
                    }
                    else
                    {
                        data.Put(row);
                    }
                }
            }

            Interlocked.Increment(ref _commits);
        }
        finally
        {
            _sync.ExitWriteLock();
        }
    }

    public void Dispose() => _sync.Dispose();

    private TableData TableOrThrow(string table) =>
        _tables.TryGetValue(table, out var data)
            ? data
            : throw Faults.DataverseFault.UnknownTable(table);

    private static IEnumerable<string> IndexedColumns(TableDefinition table) =>
        table.Columns.Values
            .Where(column => column.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner)
            .Select(column => column.LogicalName)
            .Concat(table.AlternateKeys.SelectMany(key => key.Columns));

    // Text columns of alternate keys: a Web API create-only upsert (If-None-Match: *) asks whether its key is taken with a
    // query on them, which scanned the whole table without an index the query engine can use.
    private static IEnumerable<string> TextKeyColumns(TableDefinition table) =>
        table.AlternateKeys
            .SelectMany(key => key.Columns)
            .Where(column => table.FindColumn(column)?.Type is ColumnType.String or ColumnType.Memo);
}
