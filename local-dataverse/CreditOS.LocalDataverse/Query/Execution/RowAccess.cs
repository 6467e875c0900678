using CreditOS.LocalDataverse.Formatting;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The engine's only way to the rows: counts every stored row it looks at (<see cref="RowsExamined"/>),
/// and resolves lookup names and currencies the way Dataverse fills EntityReference.Name and FormattedValues in query results.
/// </summary>
internal sealed class RowAccess(IRowSource source, Func<string, Guid, Entity?>? lookupRows = null)
{
    private readonly Dictionary<string, Dictionary<Guid, Entity>> _scannedTables = new(StringComparer.Ordinal);
    private FormattingLookups? _formatting;

    public int RowsExamined { get; private set; }

    public IEnumerable<Entity> Scan(string table)
    {
        foreach (var row in source.Scan(table))
        {
            RowsExamined++;
            yield return row;
        }
    }

    /// <summary>Rows whose identifier column equals the key, through the source's index; null when the column has no index.</summary>
    public List<Entity>? Seek(string table, string column, Guid key)
    {
        if (!source.TrySeek(table, column, key, out var rows))
        {
            return null;
        }

        var found = Owned(rows);
        RowsExamined += found.Count;
        return found;
    }

    /// <summary>Rows whose text column equals the value by the query collation, through the source's text index; null when the column has none.</summary>
    public List<Entity>? SeekText(string table, string column, string value)
    {
        if (!source.TrySeekText(table, column, value, out var rows))
        {
            return null;
        }

        var found = Owned(rows);
        RowsExamined += found.Count;
        return found;
    }

    /// <summary>About how many rows <see cref="SeekText"/> would return; null when the column has no text index.</summary>
    public int? SeekTextCount(string table, string column, string value) => source.SeekTextCount(table, column, value);

    /// <summary>About how many rows <see cref="Seek"/> would return; null when unknown.</summary>
    public int? SeekCount(string table, string column, Guid key) => source.SeekCount(table, column, key);

    /// <summary>
    /// Where lookup names and currencies of returned rows are read: the rows the caller's transaction sees, whatever the
    /// caller may read (<see cref="FormattingLookups"/>), or this source when the engine runs on its own. Not counted in
    /// <see cref="RowsExamined"/>: Dataverse resolves them within the same query.
    /// </summary>
    public FormattingLookups Formatting => _formatting ??= new FormattingLookups(source.Metadata, lookupRows ?? new Func<string, Guid, Entity?>(ReadRow));

    /// <summary>The referenced row's primary name, as Dataverse fills EntityReference.Name in query results.</summary>
    public string? PrimaryName(EntityReference reference) => Formatting.PrimaryName(reference);

    /// <summary>
    /// The rows as a list of the engine's own: a transaction's seeks (Transaction.TrySeek, TrySeekText) build a new list on every call (its rows are read, never
    /// the list shared), so that list is taken as it is instead of copied again (session 21: the copy was a share of every
    /// join's allocations); any other source's rows are copied, as before.
    /// </summary>
    private List<Entity> Owned(IEnumerable<Entity> rows) =>
        source is Storage.TransactionRowSource && rows is List<Entity> fresh ? fresh : rows.ToList();

    private Entity? ReadRow(string tableName, Guid id)
    {
        var table = source.Metadata.FindTable(tableName);
        if (table is null)
        {
            return null;
        }

        if (source.TrySeek(table.LogicalName, table.PrimaryIdAttribute, id, out var rows))
        {
            return rows.FirstOrDefault();
        }

        if (!_scannedTables.TryGetValue(table.LogicalName, out var byId))
        {
            byId = source.Scan(table.LogicalName).ToDictionary(entity => entity.Id);
            _scannedTables[table.LogicalName] = byId;
        }

        return byId.GetValueOrDefault(id);
    }
}
