namespace CreditOS.LocalDataverse.Query;

/// <summary>The outputs of an aggregate query (each keyed by its alias) and the aliases it is ordered by.</summary>
internal sealed record AggregatePlan(IReadOnlyList<AggregateOutput> Outputs, IReadOnlyList<(string Alias, bool Descending)> Orders, int RecordLimit)
{
    public const int PlatformRecordLimit = 50_000;
}

/// <summary>One column of an aggregate result: a group-by value (optionally a date part) or an aggregate function.</summary>
internal sealed record AggregateOutput(string Alias, ColumnReader Column, AggregateFunction? Function, DateGrouping? DateGrouping, bool Distinct)
{
    public bool IsGroupBy => Function is null;
}
