using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Storage;

/// <summary>The committed rows of one table and its indexes. Committed row instances are never changed.</summary>
internal sealed class TableData
{
    private readonly Dictionary<Guid, Entity> _rows = [];
    private readonly Dictionary<string, ColumnIndex> _indexes;
    private readonly Dictionary<string, TextIndex> _textIndexes;

    public TableData(string name, string primaryIdColumn, IEnumerable<string> indexedColumns, IEnumerable<string>? textIndexedColumns = null)
    {
        Name = name;
        PrimaryIdColumn = primaryIdColumn;
        _indexes = indexedColumns
            .Where(column => column != primaryIdColumn)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(column => column, column => new ColumnIndex(column), StringComparer.Ordinal);
        _textIndexes = (textIndexedColumns ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(column => column, column => new TextIndex(column), StringComparer.Ordinal);
    }

    public string Name { get; }

    public string PrimaryIdColumn { get; }

    public int Count => _rows.Count;

    public IEnumerable<Entity> Rows => _rows.Values;

    public Entity? Find(Guid id) => _rows.GetValueOrDefault(id);

    public bool IsIndexed(string column) => column == PrimaryIdColumn || _indexes.ContainsKey(column);

    /// <summary>Ids of committed rows whose column equals the key; null when the column has no index.</summary>
    public IReadOnlyCollection<Guid>? Seek(string column, object key)
    {
        if (column == PrimaryIdColumn)
        {
            return IndexKey.Normalize(key) is Guid id && _rows.ContainsKey(id) ? [id] : [];
        }

        return _indexes.TryGetValue(column, out var index) ? index.Find(key) : null;
    }

    /// <summary>Ids of committed rows whose text column equals the value by the query collation; null when the column has no text index.</summary>
    public IReadOnlyCollection<Guid>? SeekText(string column, string value) =>
        _textIndexes.TryGetValue(column, out var index) ? index.Find(value) : null;

    public void Put(Entity row)
    {
        if (_rows.TryGetValue(row.Id, out var previous))
        {
            // An update moves the row only in the indexes whose key it changed: an update writes a few columns, and
            // taking the row out of every index and putting it back (a table has one per lookup and alternate-key
            // column) was most of a committed update's cost. The same ids end up under the same keys either way.
            _rows[row.Id] = row;
            foreach (var index in _indexes.Values)
            {
                index.Move(previous, row);
            }

            foreach (var index in _textIndexes.Values)
            {
                index.Move(previous, row);
            }

            return;
        }

        _rows[row.Id] = row;
        foreach (var index in _indexes.Values)
        {
            index.Add(row);
        }

        foreach (var index in _textIndexes.Values)
        {
            index.Add(row);
        }
    }

    public void Remove(Guid id)
    {
        if (_rows.Remove(id, out var previous))
        {
            RemoveFromIndexes(previous);
        }
    }

    private void RemoveFromIndexes(Entity row)
    {
        foreach (var index in _indexes.Values)
        {
            index.Remove(row);
        }

        foreach (var index in _textIndexes.Values)
        {
            index.Remove(row);
        }
    }
}
