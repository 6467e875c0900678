namespace CreditOS.LocalDataverse.Query;

/// <summary>The FetchXML elements and attributes the local Dataverse understands; anything else is refused with a clear fault.</summary>
internal static class FetchXmlSchema
{
    public const string FetchElement = "fetch";
    public const string EntityElement = "entity";
    public const string AttributeElement = "attribute";
    public const string AllAttributesElement = "all-attributes";
    public const string FilterElement = "filter";
    public const string ConditionElement = "condition";
    public const string ValueElement = "value";
    public const string ValueAttribute = "value";
    public const string LinkEntityElement = "link-entity";
    public const string OrderElement = "order";

    public const string Name = "name";
    public const string Alias = "alias";
    public const string Top = "top";
    public const string Count = "count";
    public const string Page = "page";
    public const string PagingCookieName = "paging-cookie";
    public const string Distinct = "distinct";
    public const string Aggregate = "aggregate";
    public const string AggregateLimit = "aggregatelimit";
    public const string ReturnTotalRecordCount = "returntotalrecordcount";
    public const string UseRawOrderBy = "useraworderby";
    public const string DataSource = "datasource";
    public const string GroupBy = "groupby";
    public const string DateGroupingName = "dategrouping";
    public const string RowAggregate = "rowaggregate";
    public const string FilterType = "type";
    public const string AttributeName = "attribute";
    public const string Column = "column";
    public const string EntityName = "entityname";
    public const string Operator = "operator";
    public const string ValueOf = "valueof";
    public const string From = "from";
    public const string To = "to";
    public const string LinkType = "link-type";
    public const string Descending = "descending";

    public const string And = "and";
    public const string Or = "or";
    public const string Inner = "inner";
    public const string Outer = "outer";
    public const string ExistsLink = "exists";
    public const string InLink = "in";
    public const string LiveDataSource = "live";
    public const string QuickFindFields = "isquickfindfields";
    public const string QuickFindLimitDisabled = "overridequickfindrecordlimitdisabled";
    public const string BypassQuickFind = "bypassquickfind";

    /// <summary>Attributes each element may carry. Those not used by the engine only describe presentation or hints and do not change results.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedAttributes = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [FetchElement] = [Top, Count, Page, PagingCookieName, Distinct, Aggregate, AggregateLimit, ReturnTotalRecordCount, UseRawOrderBy, DataSource,
            "version", "mapping", "no-lock", "output-format", "latematerialize", "options", "min-active-row-version"],
        [EntityElement] = [Name, "enableprefiltering", "prefilterparametername"],
        [AttributeElement] = [Name, Alias, Aggregate, GroupBy, DateGroupingName, Distinct, RowAggregate, "usertimezone", "build", "addedby"],
        [AllAttributesElement] = [],
        [FilterElement] = [FilterType, "hint", QuickFindFields, "overridequickfindrecordlimitenabled", QuickFindLimitDisabled, BypassQuickFind],
        [ConditionElement] = [AttributeName, Column, EntityName, Operator, ValueAttribute, ValueOf, Alias, Aggregate, RowAggregate, "uiname", "uitype", "uihidden"],
        [ValueElement] = ["uiname", "uitype"],
        [LinkEntityElement] = [Name, From, To, Alias, LinkType, "visible", "intersect", "enableprefiltering", "prefilterparametername"],
        [OrderElement] = [AttributeName, Alias, Descending, EntityName],
    };

    /// <summary>Child elements each element may contain.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedChildren = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [FetchElement] = [EntityElement],
        [EntityElement] = [AttributeElement, AllAttributesElement, FilterElement, LinkEntityElement, OrderElement],
        [LinkEntityElement] = [AttributeElement, AllAttributesElement, FilterElement, LinkEntityElement, OrderElement],
        [FilterElement] = [ConditionElement, FilterElement, LinkEntityElement],
        [ConditionElement] = [ValueElement],
        [AttributeElement] = [],
        [AllAttributesElement] = [],
        [OrderElement] = [],
        [ValueElement] = [],
    };

    /// <summary>Link types Dataverse knows but the local Dataverse does not implement.</summary>
    // 'natural' is read as inner (round 12: "a synonym for inner … exactly the same SQL", markcarrington.dev, Inside FetchXML pt 10).
    public const string NaturalLink = "natural";

    public static readonly string[] UnsupportedLinkTypes = ["matchfirstrowusingcrossapply", "any", "not any", "all", "not all"];
}
