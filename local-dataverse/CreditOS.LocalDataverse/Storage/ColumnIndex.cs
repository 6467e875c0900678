using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Storage;

/// <summary>An equality index over one column of one table: value → ids of the rows holding it.</summary>
internal sealed class ColumnIndex(string column)
{
    private readonly Dictionary<object, HashSet<Guid>> _rowsByValue = new(IndexKey.Comparer);

    public string Column { get; } = column;

    public void Add(Entity row)
    {
        var key = KeyOf(row);
        if (key is null)
        {
            return;
        }

        if (!_rowsByValue.TryGetValue(key, out var ids))
        {
            ids = [];
            _rowsByValue[key] = ids;
        }

        ids.Add(row.Id);
    }

    public void Remove(Entity row)
    {
        var key = KeyOf(row);
        if (key is not null && _rowsByValue.TryGetValue(key, out var ids))
        {
            ids.Remove(row.Id);
            if (ids.Count == 0)
            {
                _rowsByValue.Remove(key);
            }
        }
    }

    /// <summary>A committed row replaced by its new version: moved only when its key changed (by the index's comparer).</summary>
    public void Move(Entity previous, Entity current)
    {
        var before = KeyOf(previous);
        var after = KeyOf(current);
        if (before is null ? after is null : after is not null && IndexKey.Comparer.Equals(before, after) && SameText(before, after))
        {
            return;
        }

        Remove(previous);
        Add(current);
    }

    public IReadOnlyCollection<Guid> Find(object key) =>
        IndexKey.Normalize(key) is { } normalized && _rowsByValue.TryGetValue(normalized, out var ids) ? ids : [];

    // Texts equal but for case share one entry keyed by the first text stored; a change of case re-keys it as Remove/Add did.
    private static bool SameText(object before, object after) =>
        before is not string left || after is not string right || string.Equals(left, right, StringComparison.Ordinal);

    private object? KeyOf(Entity row) =>
        row.Attributes.TryGetValue(Column, out var value) ? IndexKey.Normalize(value) : null;
}
