using System.Globalization;
using System.ServiceModel;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using static CreditOS.LocalDataverse.Query.FetchXmlSchema;

namespace CreditOS.LocalDataverse.Query;

/// <summary>Reads FetchXML into a <see cref="QuerySpec"/>, refusing malformed XML and unknown elements or attributes.</summary>
internal static class FetchXmlParser
{
    /// <summary>
    /// Parsed queries kept, by their exact text; emptied when full. Plug-ins send the same few shapes again and again, but an
    /// aggregate names its record in its text (the payment posting's one-account orders aggregate: one text per account), so
    /// a book of more than a thousand accounts cycled a cache of 1,024 texts and parsed most of them again (session 28).
    /// </summary>
    private const int CachedQueries = 8_192;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, QuerySpec> Parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// Texts added since the cache was last emptied, counted here: <c>ConcurrentDictionary.Count</c> takes every one of the
    /// dictionary's locks, and it was asked on every parse (session 28: a sixth of the payment posting plug-in's FetchXML
    /// time went to waiting for those locks). Two threads adding at once may pass the limit by one each; it is a bound, not a
    /// contract.
    /// </summary>
    private static int _added;

    /// <summary>
    /// The query read from its text. A text read before gives the same <see cref="QuerySpec"/> again, as the parse depends on
    /// the text alone and nothing changes a spec once made (the planner only reads it): XML parsing was a large share of
    /// what a plug-in's FetchXML query allocated. Only queries that parse are kept; an invalid one faults every time.
    /// </summary>
    public static QuerySpec Parse(string? fetchXml)
    {
        if (fetchXml is not null && Parsed.TryGetValue(fetchXml, out var known))
        {
            return known;
        }

        var spec = ParseText(fetchXml);
        if (Interlocked.Increment(ref _added) > CachedQueries)
        {
            Parsed.Clear();
            Interlocked.Exchange(ref _added, 1);
        }

        Parsed[fetchXml!] = spec;
        return spec;
    }

    /// <summary>
    /// The table a FetchXML text reads (its fetch element's entity), for the pipeline's step lookup before the query runs; null
    /// when the text is not XML or names none. A text parsed before answers from its spec (session 21: every FetchXML
    /// RetrieveMultiple parsed its whole text into a document just for this name, though the query engine's cache already
    /// held the parse). A new text is parsed as the query engine parses it, and kept, so the query that follows finds it
    /// (session 28: a new text was read twice, once here into a document and once by the engine). A text that does not
    /// parse as a query is read as before, only for its table name, so malformed XML still names no table and a well-formed
    /// but invalid query still names its table (its steps run; the engine faults).
    /// </summary>
    public static string? TableOf(string? fetchXml)
    {
        if (string.IsNullOrWhiteSpace(fetchXml))
        {
            return null;
        }

        if (Parsed.TryGetValue(fetchXml, out var known))
        {
            return known.EntityName;
        }

        try
        {
            return Parse(fetchXml).EntityName;
        }
        catch (Exception exception) when (exception is FaultException<OrganizationServiceFault> or InvalidOperationException or FormatException or ArgumentException)
        {
            // Not a query the engine answers: it faults again when it runs, with its own message.
        }

        try
        {
            return XDocument.Parse(fetchXml).Root?.Element("entity")?.Attribute("name")?.Value;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static QuerySpec ParseText(string? fetchXml)
    {
        if (string.IsNullOrEmpty(fetchXml))
        {
            // QueryBuilderDeserializeEmptyXml's published sentence (round 12; it was InvalidXml in our words). Blanks alone are not XML.
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeEmptyXml, "Xml String can't be null. (the FetchXML query is empty)");
        }

        XElement fetch;
        try
        {
            fetch = XDocument.Parse(fetchXml).Root!;
        }
        catch (XmlException exception)
        {
            throw QueryFaults.Create(QueryErrorCodes.InvalidXml, $"The FetchXML is not well-formed XML: {exception.Message}");
        }

        if (fetch.Name.LocalName != FetchElement)
        {
            throw QueryFaults.InvalidFetchXml($"The root element of a FetchXML query must be '{FetchElement}', not '{fetch.Name.LocalName}'.");
        }

        FetchXmlFetchAttributes.Check(fetch);
        CheckShape(fetch);
        var entity = fetch.Elements().Single();
        if (Optional(fetch, DataSource) is { } dataSource && dataSource != LiveDataSource)
        {
            throw QueryFaults.NotSupported($"the FetchXML datasource '{dataSource}' (only live data exists locally)");
        }

        // "Don't use the fetch element top attribute with paging. These different methods of limiting the results of a query are
        // not compatible" (fetchxml/page-results): a page attribute with top is paging too, even page='1' without a count, which
        // the local Dataverse used to answer as the top rows.
        if (fetch.Attribute(Top) is not null && fetch.Attribute(Page) is not null)
        {
            throw QueryFaults.InvalidArgument("The top count cannot be used together with paging (page size, page number or paging cookie). Use one or the other.");
        }

        var aggregate = OptionalBool(fetch, Aggregate);
        var filterLinks = new List<FilterLink>();
        if (entity.Descendants(FilterElement).Any(filter => OptionalBool(filter, BypassQuickFind)))
        {
            // The filter reference (fetchxml/reference/filter) documents isquickfindfields and the two override attributes, not this one:
            // what Dataverse skips for it is not published, and since round 25 the quick find record limit is applied (QuickFindLimit).
            throw QueryFaults.NotSupported($"the filter attribute {BypassQuickFind}='1' (not in Microsoft's filter reference; to lift the quick find record limit use {QuickFindLimitDisabled}='1')");
        }

        return new QuerySpec
        {
            EntityName = Required(entity, Name),
            Columns = Columns(entity, allWhenNoneNamed: !aggregate),
            Criteria = Criteria(entity, filterLinks),
            Links = entity.Elements(LinkEntityElement).Select(link => Link(link, filterLinks)).ToList(),
            FilterLinks = filterLinks,
            Orders = entity.Elements(OrderElement).Select(OrderOf).ToList(),
            Top = OptionalInt(fetch, Top),
            PageSize = OptionalInt(fetch, Count) ?? 0,
            PageNumber = OptionalInt(fetch, Page) ?? 0,
            PagingCookie = Optional(fetch, PagingCookieName),
            ReturnTotalRecordCount = OptionalBool(fetch, ReturnTotalRecordCount),
            Distinct = OptionalBool(fetch, Distinct),
            IsAggregate = aggregate,
            AggregateLimit = OptionalInt(fetch, AggregateLimit),
            UseRawOrderBy = OptionalBool(fetch, UseRawOrderBy),
            QuickFindLimitOverridden = entity.Descendants(FilterElement).Any(filter => OptionalBool(filter, QuickFindLimitDisabled)),
        };
    }

    /// <summary>Every element and attribute must be one FetchXML defines; the fetch element holds exactly one entity.</summary>
    private static void CheckShape(XElement element)
    {
        var name = element.Name.LocalName;
        foreach (var attribute in element.Attributes().Where(attribute => !attribute.IsNamespaceDeclaration))
        {
            if (!AllowedAttributes[name].Contains(attribute.Name.LocalName, StringComparer.Ordinal))
            {
                throw QueryFaults.InvalidFetchXml($"The FetchXML element '{name}' has an unrecognized attribute '{attribute.Name.LocalName}'.");
            }
        }

        foreach (var child in element.Elements())
        {
            var childName = child.Name.LocalName;
            if (!AllowedChildren.TryGetValue(childName, out _) || !AllowedChildren[name].Contains(childName, StringComparer.Ordinal))
            {
                throw QueryFaults.InvalidFetchXml($"The FetchXML element '{name}' cannot contain an element '{childName}'.");
            }

            CheckShape(child);
        }

        if (name == FetchElement && element.Elements().Count() != 1)
        {
            throw QueryFaults.InvalidFetchXml($"The FetchXML '{FetchElement}' element must contain exactly one '{EntityElement}' element.");
        }
    }

    /// <summary>
    /// An entity with no attribute elements returns all columns (FetchXML's rule, the opposite of QueryExpression's);
    /// a link-entity with none returns no columns, and so does the entity of an aggregate query.
    /// </summary>
    private static ColumnSelection Columns(XElement element, bool allWhenNoneNamed)
    {
        var attributes = element.Elements(AttributeElement).ToList();
        if (element.Elements(AllAttributesElement).Any() || (allWhenNoneNamed && attributes.Count == 0))
        {
            return new ColumnSelection { AllColumns = true, Columns = attributes.Select(SelectedColumnOf).ToList() };
        }

        return new ColumnSelection { Columns = attributes.Select(SelectedColumnOf).ToList() };
    }

    private static SelectedColumn SelectedColumnOf(XElement attribute)
    {
        if (Optional(attribute, RowAggregate) is not null)
        {
            throw QueryFaults.NotSupported("the FetchXML rowaggregate attribute (CountChildren over a hierarchical relationship is not imitated)");
        }

        return new SelectedColumn(Required(attribute, Name))
        {
            Alias = AttributeAlias.Checked(Optional(attribute, Alias)),
            Aggregate = Optional(attribute, Aggregate) is { } aggregate ? AggregateOf(aggregate) : null,
            GroupBy = OptionalBool(attribute, GroupBy),
            DateGrouping = Optional(attribute, DateGroupingName) is { } grouping ? DateGroupingOf(grouping) : null,
            Distinct = OptionalBool(attribute, Distinct),
        };
    }

    private static AggregateFunction AggregateOf(string name) => name switch
    {
        "count" => AggregateFunction.Count,
        "countcolumn" => AggregateFunction.CountColumn,
        "sum" => AggregateFunction.Sum,
        "avg" => AggregateFunction.Avg,
        "min" => AggregateFunction.Min,
        "max" => AggregateFunction.Max,
        _ => throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidAggregate, $"'{name}' is not a FetchXML aggregate; use count, countcolumn, sum, avg, min or max."),
    };

    private static DateGrouping DateGroupingOf(string name) => name switch
    {
        "day" => DateGrouping.Day,
        "week" => DateGrouping.Week,
        "month" => DateGrouping.Month,
        "quarter" => DateGrouping.Quarter,
        "year" => DateGrouping.Year,
        "fiscal-period" or "fiscal-year" => throw QueryFaults.NotSupported($"dategrouping '{name}' (no fiscal year settings are modelled)"),
        // QueryBuilderInvalidDateGrouping 0x80041135 (Web service error codes); it was 0x8004111A (the aggregates' code) before round 10.
        _ => throw QueryFaults.Create(QueryErrorCodes.QueryBuilderInvalidDateGrouping, $"An invalid value was specified for dategrouping. ('{name}'; FetchXML knows day, week, month, quarter, year, fiscal-period and fiscal-year)"),
    };

    /// <summary>An entity's (or link-entity's) filters; several filter elements are combined with and.</summary>
    private static FilterExpression Criteria(XElement element, List<FilterLink> filterLinks)
    {
        var criteria = new FilterExpression(LogicalOperator.And);
        foreach (var filter in element.Elements(FilterElement))
        {
            criteria.AddFilter(FilterOf(filter, filterLinks));
        }

        return criteria;
    }

    private static FilterExpression FilterOf(XElement filter, List<FilterLink> filterLinks)
    {
        var type = Optional(filter, FilterType) ?? And;
        var result = new FilterExpression(type switch
        {
            And => LogicalOperator.And,
            Or => LogicalOperator.Or,
            // The published sentence of QueryBuilderInvalidFilterType (Web service error codes), then the figure (round 10).
            _ => throw QueryFaults.Create(QueryErrorCodes.QueryBuilderInvalidFilterType, $"Unsupported filter type. Valid values are 'and', or 'or'. ('{type}')"),
        })
        {
            // isquickfindfields='1' marks the quick find filter, as FilterExpression.IsQuickFindFilter does (QuickFindLimit).
            IsQuickFindFilter = OptionalBool(filter, QuickFindFields),
        };
        foreach (var child in filter.Elements())
        {
            switch (child.Name.LocalName)
            {
                case ConditionElement:
                    result.AddCondition(ConditionOf(child));
                    break;
                case FilterElement:
                    result.AddFilter(FilterOf(child, filterLinks));
                    break;
                default:
                    filterLinks.Add(FilterLinkOf(child, filterLinks));
                    result.AddCondition(new ConditionExpression { AttributeName = FilterLink.Marker + (filterLinks.Count - 1).ToString(CultureInfo.InvariantCulture), Operator = ConditionOperator.NotNull });
                    break;
            }
        }

        return result;
    }

    private static ConditionExpression ConditionOf(XElement condition)
    {
        if (Optional(condition, Aggregate) is not null || Optional(condition, Alias) is not null || Optional(condition, RowAggregate) is not null)
        {
            throw QueryFaults.NotSupported("conditions on aggregate values (condition alias, aggregate or rowaggregate)");
        }

        var attribute = Optional(condition, AttributeName) ?? Optional(condition, Column)
            ?? throw QueryFaults.InvalidFetchXml($"A FetchXML condition needs an '{AttributeName}' attribute.");
        var result = new ConditionExpression
        {
            AttributeName = attribute,
            EntityName = Optional(condition, EntityName),
            Operator = FetchXmlOperators.Parse(Required(condition, Operator)),
        };

        if (Optional(condition, ValueOf) is { } otherColumn)
        {
            result.CompareColumns = true;
            result.Values.Add(otherColumn);
            return result;
        }

        var children = condition.Elements(ValueElement).Select(value => (object)value.Value).ToList();
        if (children.Count > 0)
        {
            result.Values.AddRange(children);
        }
        else if (Optional(condition, ValueAttribute) is { } value)
        {
            result.Values.Add(value);
        }

        return result;
    }

    /// <summary>
    /// A link-entity inside a filter: "Use these types inside of a filter element. These filters are child conditions following the
    /// behavior defined by the type attribute of the parent filter … They do not allow returning column values from the link entity
    /// rows" (link-entity, "Filter Link Types"). Only any, not any, all and not all belong there; what Microsoft does not describe
    /// there (columns, orders, nested link-entities, another link type) is refused rather than guessed.
    /// </summary>
    private static FilterLink FilterLinkOf(XElement link, List<FilterLink> filterLinks)
    {
        var linkType = Optional(link, LinkType) ?? Inner;
        FilterLinkKind kind = linkType switch
        {
            "any" => FilterLinkKind.Any,
            "not any" => FilterLinkKind.NotAny,
            "all" => FilterLinkKind.All,
            "not all" => FilterLinkKind.NotAll,
            _ => throw QueryFaults.NotSupported($"a link-entity of link-type '{linkType}' inside a filter (inside a filter the local Dataverse implements the filter link types any, not any, all and not all)"),
        };
        if (link.Elements(AttributeElement).Any() || link.Elements(AllAttributesElement).Any() || link.Elements(OrderElement).Any())
        {
            throw QueryFaults.InvalidArgument($"A link-entity of link-type '{linkType}' (a filter link type) cannot return columns or order rows: it only filters its parent.");
        }

        if (link.Elements(LinkEntityElement).Any())
        {
            throw QueryFaults.NotSupported($"a link-entity nested in a '{linkType}' filter link-entity");
        }

        return new FilterLink(
            new LinkSpec
            {
                EntityName = Required(link, Name),
                FromAttribute = LinkColumns(link).From,
                ToAttribute = LinkColumns(link).To,
                Alias = Optional(link, Alias),
                Kind = LinkKind.Exists,
                Criteria = Criteria(link, filterLinks),
            },
            kind);
    }

    private static LinkSpec Link(XElement link, List<FilterLink> filterLinks)
    {
        var linkType = Optional(link, LinkType) ?? Inner;
        LinkKind kind;
        if (linkType is Inner or NaturalLink)
        {
            kind = LinkKind.Inner;
        }
        else if (linkType == Outer)
        {
            kind = LinkKind.LeftOuter;
        }
        else if (linkType is ExistsLink or InLink)
        {
            kind = LinkKind.Exists;
        }
        else if (linkType is "any" or "not any" or "all" or "not all")
        {
            // "Use these types inside of a filter element" (link-entity, "Filter Link Types"); outside one, Dataverse's answer is not published.
            throw QueryFaults.NotSupported($"the filter link-type '{linkType}' outside a filter element (put the link-entity inside the filter it belongs to)");
        }
        else if (UnsupportedLinkTypes.Contains(linkType, StringComparer.Ordinal))
        {
            throw QueryFaults.NotSupported($"the link-type '{linkType}' (inner, natural, outer, exists and in are implemented; any, not any, all and not all inside a filter)");
        }
        else
        {
            // QueryBuilderDeserializeInvalidLinkType's published sentence (Web service error codes); the wording was ours before round 10.
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidLinkType,
                $"The only valid values for link-type attribute are 'natural', 'inner','in','exists','matchfirstrowusingcrossapply' and 'outer'. ('{linkType}')");
        }

        return new LinkSpec
        {
            EntityName = Required(link, Name),
            FromAttribute = LinkColumns(link).From,
            ToAttribute = LinkColumns(link).To,
            Alias = Optional(link, Alias),
            Kind = kind,
            Columns = Columns(link, allWhenNoneNamed: false),
            Criteria = Criteria(link, filterLinks),
            Links = link.Elements(LinkEntityElement).Select(child => Link(child, filterLinks)).ToList(),
            Orders = link.Elements(OrderElement).Select(OrderOf).ToList(),
        };
    }

    private static OrderSpec OrderOf(XElement order)
    {
        var attribute = Optional(order, AttributeName);
        var alias = Optional(order, Alias);
        if (attribute is null && alias is null)
        {
            throw QueryFaults.InvalidFetchXml($"A FetchXML order needs an '{AttributeName}' or an '{Alias}' attribute.");
        }

        return new OrderSpec(attribute, OptionalBool(order, Descending)) { Alias = alias, EntityName = Optional(order, EntityName) };
    }

    private static (string From, string To) LinkColumns(XElement link) =>
        LinkJoinColumns.Both(Optional(link, From), Optional(link, To), Required(link, Name));

    private static string Required(XElement element, string attribute) =>
        Optional(element, attribute)
        ?? throw QueryFaults.InvalidFetchXml($"The FetchXML element '{element.Name.LocalName}' needs a '{attribute}' attribute.");

    private static string? Optional(XElement element, string attribute) => element.Attribute(attribute)?.Value;

    private static int? OptionalInt(XElement element, string attribute)
    {
        var text = Optional(element, attribute);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw QueryFaults.InvalidFetchXml($"The '{attribute}' attribute of '{element.Name.LocalName}' must be a whole number, not '{text}'.");
    }

    internal static bool OptionalBool(XElement element, string attribute) =>
        Optional(element, attribute) switch
        {
            null => false,
            var text when text == "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            var text when text == "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            var text => throw InvalidFlag(element, attribute, text),
        };

    /// <summary>
    /// A flag that is neither true/false nor 1/0. Microsoft's error list names the fault for four of them, with one sentence each
    /// (reference/web-service-error-codes): QueryBuilderDeserializeInvalidDistinct 0x80041115, …InvalidDescending 0x80041119,
    /// …InvalidGroupBy 0x8004112E, …InvalidUseRawOrderBy 0x800410FD; before round 10 they were 0x8004111C (an invalid node) in our
    /// words. Round 12 adds …InvalidNoLock 0x80041118. The others keep that code.
    /// </summary>
    private static System.ServiceModel.FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault> InvalidFlag(XElement element, string attribute, string text)
    {
        var code = attribute switch
        {
            Distinct => QueryErrorCodes.QueryBuilderDeserializeInvalidDistinct,
            Descending => QueryErrorCodes.QueryBuilderDeserializeInvalidDescending,
            GroupBy => QueryErrorCodes.QueryBuilderDeserializeInvalidGroupBy,
            UseRawOrderBy => QueryErrorCodes.QueryBuilderDeserializeInvalidUseRawOrderBy,
            FetchXmlFetchAttributes.NoLock => QueryErrorCodes.QueryBuilderDeserializeInvalidNoLock,
            _ => (int?)null,
        };
        return code is { } published
            ? QueryFaults.Create(published, $"The only valid values for {attribute} attribute are 'true', 'false', '1', and '0'. ('{text}' on '{element.Name.LocalName}')")
            : QueryFaults.InvalidFetchXml($"The '{attribute}' attribute of '{element.Name.LocalName}' must be true or false, not '{text}'.");
    }
}
