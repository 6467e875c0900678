using System.Collections.Concurrent;

namespace CreditOS.LocalDataverse.Query;

/// <summary>The columns a table contributes to the result: all of them, or a list.</summary>
internal sealed class ColumnSelection
{
    // A plain column (no alias, aggregate or grouping) is immutable and the same for every query naming it, so one instance
    // serves them all (a query that reads the account's ~60 columns allocated ~60 records per call). Bounded: names come from
    // callers, and a name not seen before past the bound is simply not kept.
    private const int PlainColumnsKept = 4_096;
    private static readonly ConcurrentDictionary<string, SelectedColumn> PlainColumns = new(StringComparer.Ordinal);

    public static ColumnSelection None => new();

    public bool AllColumns { get; init; }
    public List<SelectedColumn> Columns { get; init; } = [];

    public static ColumnSelection Of(IReadOnlyCollection<string> names)
    {
        var columns = new List<SelectedColumn>(names.Count);
        foreach (var name in names)
        {
            columns.Add(Plain(name));
        }

        return new() { Columns = columns };
    }

    private static SelectedColumn Plain(string name)
    {
        if (name is null)
        {
            return new SelectedColumn(name!);
        }

        if (PlainColumns.TryGetValue(name, out var kept))
        {
            return kept;
        }

        var column = new SelectedColumn(name);
        return PlainColumns.Count < PlainColumnsKept ? PlainColumns.GetOrAdd(name, column) : column;
    }
}

/// <summary>One requested column; FetchXML may give it an alias, an aggregate or a grouping.</summary>
internal sealed record SelectedColumn(string Name)
{
    public string? Alias { get; init; }
    public AggregateFunction? Aggregate { get; init; }
    public bool GroupBy { get; init; }
    public DateGrouping? DateGrouping { get; init; }
    public bool Distinct { get; init; }
}
