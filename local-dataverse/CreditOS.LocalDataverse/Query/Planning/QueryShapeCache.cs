using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// What planning learnt from a query's shape alone, kept so the next query of that shape skips it: its tables resolved and
/// checked against the metadata (links, join columns, aliases, selected columns, the condition limit) and, for an aggregate,
/// its outputs and orders. Shared by every query of the shape and never changed after it is kept.
/// </summary>
internal sealed record QueryShape(ScopeSet Scopes, AggregatePlan? Aggregate);

/// <summary>
/// The shapes planned against one metadata catalog, keyed by <see cref="QueryShapeKey"/>. A catalog never changes (an
/// environment's metadata is built once; different metadata is a different catalog), so each catalog has its own cache and a
/// shape planned against one is never served against another. Bounded: past <see cref="Capacity"/> shapes a new shape is
/// planned in full every time and not kept (shapes come from callers; values never make new shapes).
/// </summary>
internal sealed class QueryShapeCache
{
    public const int Capacity = 1_024;

    private static readonly ConditionalWeakTable<MetadataCatalog, QueryShapeCache> Caches = [];

    private readonly ConcurrentDictionary<string, QueryShape> _shapes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, QueryShape>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    private QueryShapeCache() => _bySpan = _shapes.GetAlternateLookup<ReadOnlySpan<char>>();

    public static QueryShapeCache For(MetadataCatalog metadata) => Caches.GetValue(metadata, static _ => new QueryShapeCache());

    public int Count => _shapes.Count;

    public QueryShape? Find(ReadOnlySpan<char> key) => _bySpan.TryGetValue(key, out var shape) ? shape : null;

    public void Keep(string key, QueryShape shape)
    {
        if (_shapes.Count < Capacity)
        {
            _shapes.TryAdd(key, shape);
        }
    }
}
