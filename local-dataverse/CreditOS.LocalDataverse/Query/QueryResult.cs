namespace CreditOS.LocalDataverse.Query;

/// <summary>What a query returned, and how many stored rows the engine looked at to answer it (for plugin budgets).</summary>
public sealed record QueryResult(Microsoft.Xrm.Sdk.EntityCollection Entities, int RowsExamined)
{
    /// <summary>
    /// Whether <see cref="Entities"/> holds instances the engine keeps (an aggregate's results, cached for its other pages):
    /// a caller that hands them out copies them first. Rows of a plain query are fresh instances with their own values
    /// (<see cref="ValueCopier"/>), built for this call only.
    /// </summary>
    internal bool SharesInstances { get; init; }

    /// <summary>Whether the rows are an aggregate's results (aliased values computed over the rows, not columns of stored rows).</summary>
    internal bool IsAggregate { get; init; }
}
