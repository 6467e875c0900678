namespace CreditOS.LocalDataverse.Query;

/// <summary>One sort key: a column (of the table it is declared on, or of <see cref="EntityName"/>), or an aggregate alias.</summary>
internal sealed record OrderSpec(string? Attribute, bool Descending)
{
    /// <summary>FetchXML order alias: the alias of an aggregate or group-by column.</summary>
    public string? Alias { get; init; }
    /// <summary>FetchXML order entityname: the alias or name of a link-entity, for an order declared on the root entity.</summary>
    public string? EntityName { get; init; }
}
