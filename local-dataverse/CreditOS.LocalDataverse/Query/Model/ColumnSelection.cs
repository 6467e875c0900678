namespace CreditOS.LocalDataverse.Query;

/// <summary>The columns a table contributes to the result: all of them, or a list.</summary>
internal sealed class ColumnSelection
{
    public static ColumnSelection None => new();

    public bool AllColumns { get; init; }
    public List<SelectedColumn> Columns { get; init; } = [];

    public static ColumnSelection Of(IEnumerable<string> names) =>
        new() { Columns = names.Select(name => new SelectedColumn(name)).ToList() };
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
