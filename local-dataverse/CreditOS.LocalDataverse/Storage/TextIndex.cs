using CreditOS.LocalDataverse.Query;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Storage;

/// <summary>
/// An equality index over one text alternate-key column, keyed by the query engine's collation fold (case, accents and
/// trailing spaces ignored), so a query's Equal on the column can seek instead of scanning the table. The alternate-key
/// index (<see cref="ColumnIndex"/>) compares ordinally ignoring case, so it cannot answer a query condition: a value equal
/// by the collation but not ordinally ('Ä' and 'A', 'P-1 ' and 'P-1') would be missed.
/// </summary>
internal sealed class TextIndex(string column)
{
    private readonly Dictionary<string, HashSet<Guid>> _rowsByFold = new(StringComparer.Ordinal);

    public void Add(Entity row)
    {
        if (KeyOf(row) is not { } key)
        {
            return;
        }

        if (!_rowsByFold.TryGetValue(key, out var ids))
        {
            ids = [];
            _rowsByFold[key] = ids;
        }

        ids.Add(row.Id);
    }

    public void Remove(Entity row)
    {
        if (KeyOf(row) is { } key && _rowsByFold.TryGetValue(key, out var ids))
        {
            ids.Remove(row.Id);
            if (ids.Count == 0)
            {
                _rowsByFold.Remove(key);
            }
        }
    }

    /// <summary>A committed row replaced by its new version: moved only when its folded key changed.</summary>
    public void Move(Entity previous, Entity current)
    {
        var before = KeyOf(previous);
        var after = KeyOf(current);
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return;
        }

        Remove(previous);
        Add(current);
    }

    public IReadOnlyCollection<Guid> Find(string value) =>
        _rowsByFold.TryGetValue(Collation.FoldForEquality(value), out var ids) ? ids : [];

    private string? KeyOf(Entity row) =>
        row.Attributes.TryGetValue(column, out var value) && value is string text ? Collation.FoldForEquality(text) : null;
}
