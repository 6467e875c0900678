using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The engine's only way to the rows: counts every stored row it looks at (<see cref="RowsExamined"/>),
/// and resolves lookup names the way Dataverse fills EntityReference.Name in query results.
/// </summary>
internal sealed class RowAccess(IRowSource source)
{
    private readonly Dictionary<EntityReference, string?> _names = [];
    private readonly Dictionary<string, Dictionary<Guid, Entity>> _scannedTables = new(StringComparer.Ordinal);

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

        var found = rows.ToList();
        RowsExamined += found.Count;
        return found;
    }

    /// <summary>
    /// The referenced row's primary name. Read through the primary-key index, and not counted in
    /// <see cref="RowsExamined"/>: Dataverse resolves it within the same query.
    /// </summary>
    public string? PrimaryName(EntityReference reference)
    {
        var key = new EntityReference(reference.LogicalName, reference.Id);
        if (_names.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var name = ReadPrimaryName(reference) ?? reference.Name;
        _names[key] = name;
        return name;
    }

    private string? ReadPrimaryName(EntityReference reference)
    {
        var table = source.Metadata.FindTable(reference.LogicalName);
        if (table?.PrimaryNameAttribute is not { } nameColumn)
        {
            return null;
        }

        Entity? row;
        if (source.TrySeek(table.LogicalName, table.PrimaryIdAttribute, reference.Id, out var rows))
        {
            row = rows.FirstOrDefault();
        }
        else
        {
            if (!_scannedTables.TryGetValue(table.LogicalName, out var byId))
            {
                byId = source.Scan(table.LogicalName).ToDictionary(entity => entity.Id);
                _scannedTables[table.LogicalName] = byId;
            }

            row = byId.GetValueOrDefault(reference.Id);
        }

        return row is not null && row.Attributes.TryGetValue(nameColumn, out var value) ? value as string : null;
    }
}
