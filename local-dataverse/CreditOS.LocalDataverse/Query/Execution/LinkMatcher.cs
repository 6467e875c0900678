using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>Finds the linked table's rows for a join key: by index seek where the source has one, else by a hash of one scan.</summary>
internal sealed class LinkMatcher(Scope scope, RowAccess access)
{
    private readonly ValueKind _kind = ValueKinds.Of(scope.FromColumn!.Type);
    private bool? _indexed;
    private Dictionary<object, List<Entity>>? _hash;

    public IReadOnlyList<Entity> Find(object key)
    {
        if (_kind == ValueKind.Identifier && _indexed != false)
        {
            var rows = access.Seek(scope.Table.LogicalName, scope.FromColumn!.LogicalName, (Guid)key);
            _indexed = rows is not null;
            if (rows is not null)
            {
                return rows;
            }
        }

        _hash ??= BuildHash();
        return _hash.TryGetValue(CanonicalValue.HashKey(key)!, out var matches) ? matches : [];
    }

    private Dictionary<object, List<Entity>> BuildHash()
    {
        var hash = new Dictionary<object, List<Entity>>();
        foreach (var row in access.Scan(scope.Table.LogicalName))
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
