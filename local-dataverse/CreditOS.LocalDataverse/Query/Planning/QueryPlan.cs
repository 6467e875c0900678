namespace CreditOS.LocalDataverse.Query;

/// <summary>A checked, compiled query: everything the executor needs, nothing left to validate.</summary>
internal sealed class QueryPlan
{
    public required QuerySpec Spec { get; init; }
    public required ScopeSet Scopes { get; init; }
    public required RowPredicate Filter { get; init; }
    /// <summary>The filter's conditions on the root's own columns (<see cref="RootConditions"/>), tested before the joins; null when none.</summary>
    public RowPredicate? RootFilter { get; init; }
    /// <summary>Each link-entity's own filter, applied within its join, by scope index (index 0, the root, has none).</summary>
    public required RowPredicate?[] JoinCriteria { get; init; }
    /// <summary>Each link-entity's Equal / In conditions on its text columns, by scope index: a text index may find its rows without the parent's whole set of linked rows.</summary>
    public required IReadOnlyList<TextSeek>[] LinkTextSeeks { get; init; }
    /// <summary>Index seeks to try, best first; the root table is scanned when none is answered by an index.</summary>
    public required IReadOnlyList<RootSeek> Seeks { get; init; }
    /// <summary>Text conditions a text index may answer, tried only when no identifier seek is; the most selective is used.</summary>
    public IReadOnlyList<TextSeek> TextSeeks { get; init; } = [];
    public required IReadOnlyList<SortKey> SortKeys { get; init; }
    /// <summary>Set for aggregate queries.</summary>
    public AggregatePlan? Aggregate { get; init; }
    public required PageRequest Page { get; init; }
    /// <summary>A condition is relative to the clock, so the same query can answer differently a moment later.</summary>
    public bool ReadsClock { get; init; }
}
