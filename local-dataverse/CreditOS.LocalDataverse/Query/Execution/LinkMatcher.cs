using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// Finds the linked table's rows for a join key: by index seek where the source has one, else by a hash of one scan.
/// When the link's own criteria name values of a text-indexed column (an alternate key's ERP id, say) and the index
/// holds fewer rows for them than the join key's index holds for the first parent, the rows are taken from that index once and hashed by
/// the join column (as SQL Server would seek the more selective index): a parent's linked rows then cost what the named
/// values hold, not the parent's whole history. The link's criteria still decide every candidate, so the rows joined
/// are the same either way.
/// </summary>
internal sealed class LinkMatcher(Scope scope, IReadOnlyList<TextSeek> textSeeks, RowAccess access)
{
    private readonly ValueKind _kind = ValueKinds.Of(scope.FromColumn!.Type);
    private bool? _indexed;
    private bool _textTried;
    private Dictionary<object, List<Entity>>? _hash;

    public IReadOnlyList<Entity> Find(object key)
    {
        if (!_textTried && textSeeks.Count > 0)
        {
            // Decided once, on the first parent row, before any seek: the text index is used when it holds fewer rows for
            // the named values than the join key's index holds for this key (or when the join column has no index).
            _textTried = true;
            var bound = _kind == ValueKind.Identifier ? access.SeekCount(scope.Table.LogicalName, scope.FromColumn!.LogicalName, (Guid)key) : null;
            if (JoinedRows.TextSeekRows(textSeeks, access, scope.Table.LogicalName, bound ?? long.MaxValue) is { } named)
            {
                _hash = Hash(named);
            }
        }

        if (_hash is null && _kind == ValueKind.Identifier && _indexed != false)
        {
            var rows = access.Seek(scope.Table.LogicalName, scope.FromColumn!.LogicalName, (Guid)key);
            _indexed = rows is not null;
            if (rows is not null)
            {
                return rows;
            }
        }

        _hash ??= Hash(access.Scan(scope.Table.LogicalName));
        return _hash.TryGetValue(CanonicalValue.HashKey(key)!, out var matches) ? matches : [];
    }

    private Dictionary<object, List<Entity>> Hash(IEnumerable<Entity> rows)
    {
        var hash = new Dictionary<object, List<Entity>>();
        foreach (var row in rows)
        {
            var value = CanonicalValue.FromStored(row.Attributes.TryGetValue(scope.FromColumn!.LogicalName, out var stored) ? stored : null, _kind);
            if (value is null)
            {
                continue;
            }

            var key = CanonicalValue.HashKey(value)!;
            if (!hash.TryGetValue(key, out var bucket))
            {
                bucket = [];
                hash[key] = bucket;
            }

            bucket.Add(row);
        }

        return hash;
    }
}
