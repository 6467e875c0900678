using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// One query in a single shape, whichever way it was asked (QueryExpression, QueryByAttribute or FetchXML),
/// so that every form is answered by the same planner and executor.
/// </summary>
internal sealed class QuerySpec
{
    public required string EntityName { get; init; }
    public required ColumnSelection Columns { get; init; }
    public FilterExpression Criteria { get; init; } = new(LogicalOperator.And);
    public List<LinkSpec> Links { get; init; } = [];
    /// <summary>Link-entities inside filters (any, not any, all, not all), referred to by their filters' marker conditions.</summary>
    public List<FilterLink> FilterLinks { get; init; } = [];
    public List<OrderSpec> Orders { get; init; } = [];
    public int? Top { get; init; }
    /// <summary>Rows per page; 0 means the default.</summary>
    public int PageSize { get; init; }
    public int PageNumber { get; init; }
    public string? PagingCookie { get; init; }
    public bool ReturnTotalRecordCount { get; init; }
    public bool Distinct { get; init; }
    public bool IsAggregate { get; init; }
    /// <summary>FetchXML aggregatelimit: a lower limit than the platform's 50,000.</summary>
    public int? AggregateLimit { get; init; }
    /// <summary>FetchXML useraworderby: order choice columns by value instead of label.</summary>
    public bool UseRawOrderBy { get; init; }
    /// <summary>FetchXML overridequickfindrecordlimitdisabled='1' on a filter: the quick find record limit is not applied to this query.</summary>
    public bool QuickFindLimitOverridden { get; init; }
}
