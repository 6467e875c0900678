using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>A joined table: rows of <see cref="EntityName"/> whose <see cref="FromAttribute"/> equals the parent's <see cref="ToAttribute"/>.</summary>
internal sealed class LinkSpec
{
    public required string EntityName { get; init; }
    /// <summary>Column on the linked table (FetchXML from, LinkEntity.LinkToAttributeName).</summary>
    public required string FromAttribute { get; init; }
    /// <summary>Column on the parent table (FetchXML to, LinkEntity.LinkFromAttributeName).</summary>
    public required string ToAttribute { get; init; }
    public string? Alias { get; init; }
    public required LinkKind Kind { get; init; }
    public ColumnSelection Columns { get; init; } = ColumnSelection.None;
    public FilterExpression Criteria { get; init; } = new(LogicalOperator.And);
    public List<LinkSpec> Links { get; init; } = [];
    public List<OrderSpec> Orders { get; init; } = [];
}

internal enum LinkKind
{
    Inner,
    LeftOuter,
    /// <summary>Exists / In: keeps each parent row that has at least one matching row, once, without its columns.</summary>
    Exists,
    /// <summary>NotAny: keeps each parent row that has no matching row.</summary>
    NotExists,
}
