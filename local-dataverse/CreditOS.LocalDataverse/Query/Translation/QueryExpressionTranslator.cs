using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>Reads a QueryExpression (or QueryByAttribute) into a <see cref="QuerySpec"/>.</summary>
internal static class QueryExpressionTranslator
{
    public static QuerySpec Translate(QueryExpression query, bool orderChoicesByValue = false)
    {
        RequireEntityName(query.EntityName);
        if (query.SubQueryExpression is not null)
        {
            throw QueryFaults.NotSupported("QueryExpression.SubQueryExpression");
        }

        QueryExpressionEnums.CheckFilter(query.Criteria);
        RequireSingleTableColumnComparisons(query.Criteria, query.EntityName);
        return new QuerySpec
        {
            EntityName = query.EntityName,
            Columns = Columns(query.ColumnSet),
            Criteria = query.Criteria ?? new FilterExpression(LogicalOperator.And),
            Links = query.LinkEntities.Select(Link).ToList(),
            Orders = query.Orders.Select(Order).ToList(),
            Top = query.TopCount,
            PageSize = query.PageInfo?.Count ?? 0,
            PageNumber = query.PageInfo?.PageNumber ?? 0,
            PagingCookie = query.PageInfo?.PagingCookie,
            ReturnTotalRecordCount = query.PageInfo?.ReturnTotalRecordCount ?? false,
            Distinct = query.Distinct,
            UseRawOrderBy = orderChoicesByValue,
        };
    }

    public static QuerySpec Translate(QueryByAttribute query)
    {
        RequireEntityName(query.EntityName);
        if (query.Attributes.Count == 0)
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderByAttributeNonEmpty, "QueryByAttribute must specify a non-empty attribute array.");
        }

        if (query.Attributes.Count != query.Values.Count)
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderByAttributeMismatch,
                // QueryBuilderByAttributeMismatch's published sentence (Web service error codes), then the figures (round 10).
                $"QueryByAttribute must specify a non-empty value array with the same number of elements as in the attributes array. ({query.Attributes.Count} attribute(s), {query.Values.Count} value(s))");
        }

        var criteria = new FilterExpression(LogicalOperator.And);
        for (var index = 0; index < query.Attributes.Count; index++)
        {
            var value = query.Values[index];
            criteria.AddCondition(value is null
                ? new ConditionExpression(query.Attributes[index], ConditionOperator.Null)
                : new ConditionExpression(query.Attributes[index], ConditionOperator.Equal, value));
        }

        return new QuerySpec
        {
            EntityName = query.EntityName,
            Columns = Columns(query.ColumnSet),
            Criteria = criteria,
            Orders = query.Orders.Select(Order).ToList(),
            Top = query.TopCount,
            PageSize = query.PageInfo?.Count ?? 0,
            PageNumber = query.PageInfo?.PageNumber ?? 0,
            PagingCookie = query.PageInfo?.PagingCookie,
            ReturnTotalRecordCount = query.PageInfo?.ReturnTotalRecordCount ?? false,
        };
    }

    /// <summary>A QueryExpression column set with no columns returns only the primary key (unlike FetchXML).</summary>
    private static ColumnSelection Columns(ColumnSet? columns) => columns switch
    {
        null => ColumnSelection.None,
        { AllColumns: true } => new ColumnSelection { AllColumns = true },
        _ => ColumnSelection.Of(columns.Columns),
    };

    private static OrderSpec Order(OrderExpression order)
    {
        QueryExpressionEnums.CheckOrder(order);
        return new(string.IsNullOrEmpty(order.AttributeName) ? null : order.AttributeName, order.OrderType == OrderType.Descending)
        {
            Alias = string.IsNullOrEmpty(order.Alias) ? null : order.Alias,
            EntityName = string.IsNullOrEmpty(order.EntityName) ? null : order.EntityName,
        };
    }

    private static LinkSpec Link(LinkEntity link)
    {
        if (string.IsNullOrEmpty(link.LinkToEntityName))
        {
            throw QueryFaults.InvalidArgument("A LinkEntity needs LinkToEntityName, LinkFromAttributeName and LinkToAttributeName.");
        }

        // The linked table's column is FetchXML's 'from', the parent's its 'to'.
        var (linkedColumn, parentColumn) = LinkJoinColumns.Both(link.LinkToAttributeName, link.LinkFromAttributeName, link.LinkToEntityName);
        QueryExpressionEnums.CheckJoin(link.JoinOperator);
        QueryExpressionEnums.CheckFilter(link.LinkCriteria);
        RequireSingleTableColumnComparisons(link.LinkCriteria, link.LinkToEntityName);
        return new LinkSpec
        {
            EntityName = link.LinkToEntityName,
            FromAttribute = linkedColumn,
            ToAttribute = parentColumn,
            Alias = string.IsNullOrEmpty(link.EntityAlias) ? null : link.EntityAlias,
            Kind = JoinKind(link.JoinOperator),
            Columns = Columns(link.Columns),
            Criteria = link.LinkCriteria ?? new FilterExpression(LogicalOperator.And),
            Links = link.LinkEntities.Select(Link).ToList(),
            Orders = link.Orders.Select(Order).ToList(),
        };
    }

    private static LinkKind JoinKind(JoinOperator join) => join switch
    {
        // Natural is inner: "a synonym for inner … it generates exactly the same SQL" (markcarrington.dev, Inside FetchXML pt 10; round 12).
        JoinOperator.Inner or JoinOperator.Natural => LinkKind.Inner,
        JoinOperator.LeftOuter => LinkKind.LeftOuter,
        JoinOperator.Exists or JoinOperator.In or JoinOperator.Any => LinkKind.Exists,
        JoinOperator.NotAny => LinkKind.NotExists,
        _ => throw QueryFaults.NotSupported($"the {join} join operator (Inner, Natural, LeftOuter, Exists, In, Any and NotAny are implemented)"),
    };

    /// <summary>
    /// "With Web API and QueryExpression, you can only compare columns within a single table. With FetchXml, you can compare columns in
    /// other related tables" (Use column comparison in queries, power-apps/developer/data-platform/column-comparison, "Limitations").
    /// The query engine reads FetchXML's valueof='alias.column' across a link; a QueryExpression's compared column is a column of the
    /// condition's own table, so 'alias.column' there is a name that table does not have (round 25, session 33: it was compared across
    /// the link, a comparison Dataverse does not make for a QueryExpression).
    /// </summary>
    private static void RequireSingleTableColumnComparisons(FilterExpression? filter, string table)
    {
        if (filter is null)
        {
            return;
        }

        foreach (var condition in filter.Conditions)
        {
            if (condition.CompareColumns && condition.Values.Count > 0 && condition.Values[0] is string other && other.Contains('.', StringComparison.Ordinal))
            {
                throw QueryFaults.UnknownColumn(string.IsNullOrEmpty(condition.EntityName) ? table : condition.EntityName, other);
            }
        }

        foreach (var child in filter.Filters)
        {
            RequireSingleTableColumnComparisons(child, table);
        }
    }

    private static void RequireEntityName(string? entityName)
    {
        if (string.IsNullOrEmpty(entityName))
        {
            throw QueryFaults.InvalidArgument("The query does not name an entity (EntityName is empty).");
        }
    }
}
