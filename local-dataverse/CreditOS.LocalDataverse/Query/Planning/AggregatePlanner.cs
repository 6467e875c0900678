namespace CreditOS.LocalDataverse.Query;

/// <summary>Checks the attributes and orders of a FetchXML aggregate query and plans its outputs.</summary>
internal static class AggregatePlanner
{
    public static AggregatePlan Plan(QuerySpec spec, ScopeSet scopes)
    {
        if (spec.Distinct)
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidAggregate,
                "An aggregate query cannot also be distinct; use countcolumn with distinct='true' to count distinct values.");
        }

        var outputs = new List<AggregateOutput>();
        foreach (var scope in scopes.All)
        {
            foreach (var column in scope.Columns.Columns)
            {
                outputs.Add(AggregateOutputFor(scope, column));
            }
        }

        if (outputs.Count == 0)
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidAggregate, "An aggregate query needs at least one aggregate attribute.");
        }

        var duplicate = outputs.GroupBy(output => output.Alias, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            // QueryBuilderDuplicateAlias, "FetchXML should have unique aliases." (Web service error codes); it was 0x8004111B, which the
            // list names QueryBuilderDeserializeInvalidGetMinActiveRowVersion.
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDuplicateAlias, $"FetchXML should have unique aliases. ('{duplicate.Key}' names more than one attribute)");
        }

        var orders = spec.Orders.Concat(scopes.All.Where(scope => !scope.IsRoot).SelectMany(scope => scope.Link!.Orders)).Select(order =>
        {
            if (order.Alias is null)
            {
                // QueryBuilderAttributeNotAllowedForAggregateOrderBy 0x80041131 (Web service error codes), the published sentence; it was
                // 0x8004110A with a wording of our own before round 10.
                throw QueryFaults.Create(QueryErrorCodes.QueryBuilderAttributeNotAllowedForAggregateOrderBy,
                    $"An attribute cannot be specified for an order clause for an aggregate Query. Use an alias. (order on '{order.Attribute}')");
            }

            if (outputs.TrueForAll(output => output.Alias != order.Alias))
            {
                throw QueryFaults.Create(QueryErrorCodes.QueryBuilderAliasDoesNotExist,
                    $"An order in an aggregate query must name the alias of an aggregate or groupby attribute; '{order.Alias ?? order.Attribute}' is not one.");
            }

            return (order.Alias, order.Descending);
        }).ToList();

        var limit = Math.Min(spec.AggregateLimit ?? AggregatePlan.PlatformRecordLimit, AggregatePlan.PlatformRecordLimit);
        return new AggregatePlan(outputs, orders, limit);
    }

    private static AggregateOutput AggregateOutputFor(Scope scope, SelectedColumn column)
    {
        var reader = ColumnReader.For(scope, column.Name);
        if (column.Aggregate is null && !column.GroupBy)
        {
            // Dataverse's wording for an attribute with neither (a live answer quoted in MarkMpn/Sql4Cds#59: "An attribute can not be
            // requested when an aggregate operation has been specified and its neither groupby nor aggregate.  NodeXml : <attribute
            // name="statecodename" />", for an attribute without an alias too, so this is checked before the alias); the code is the
            // list's QueryBuilderAttribute_With_Aggregate. Before round 10 the missing alias was reported first, in our own words.
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderAttributeWithAggregate,
                $"An attribute can not be requested when an aggregate operation has been specified and its neither groupby nor aggregate.  NodeXml : {NodeXml(column)}");
        }

        if (string.IsNullOrEmpty(column.Alias))
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderNoAlias,
                $"The attribute '{scope.Table.LogicalName}.{column.Name}' in an aggregate query needs an alias.");
        }

        if (column.Aggregate is not null && column.GroupBy)
        {
            // QueryBuilderAttributeCannotBeGroupByAndAggregate 0x80041137 (Web service error codes); 0x8004111A before round 10.
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderAttributeCannotBeGroupByAndAggregate,
                $"An attribute can either be an aggregate or a Group By but not both ('{column.Alias}')");
        }

        if (column.DateGrouping is not null && (!column.GroupBy || reader.Kind != ValueKind.DateTime))
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidAggregate,
                $"dategrouping applies to a groupby attribute of a date and time column; '{column.Alias}' is not one.");
        }

        if (column.Distinct && column.Aggregate != AggregateFunction.CountColumn)
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidAggregate,
                $"distinct on an aggregate attribute applies to countcolumn only; '{column.Alias}' is {column.Aggregate?.ToString() ?? "a groupby"}.");
        }

        // QueryBuilderInvalidAggregateAttribute 0x8004112F "Aggregate {0} is not supported for attribute of type {1}." (Web service error
        // codes); 0x8004111A with our own wording before round 10. {0} is the aggregate as FetchXML names it and {1} the column's type as
        // the metadata names it: Microsoft does not publish what fills them.
        if (column.Aggregate is AggregateFunction.Sum or AggregateFunction.Avg && reader.Kind is not (ValueKind.Number or ValueKind.Float))
        {
            throw InvalidAggregateAttribute(scope, column, reader);
        }

        if (column.Aggregate is AggregateFunction.Min or AggregateFunction.Max && reader.Kind is not (ValueKind.Number or ValueKind.Float or ValueKind.DateTime))
        {
            throw InvalidAggregateAttribute(scope, column, reader);
        }

        return new AggregateOutput(column.Alias, reader, column.Aggregate, column.DateGrouping, column.Distinct);
    }

    private static System.ServiceModel.FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault> InvalidAggregateAttribute(Scope scope, SelectedColumn column, ColumnReader reader) =>
        QueryFaults.Create(QueryErrorCodes.QueryBuilderInvalidAggregateAttribute,
            $"Aggregate {column.Aggregate!.Value.ToString().ToLowerInvariant()} is not supported for attribute of type {reader.Column.Type}. ('{scope.Table.LogicalName}.{column.Name}')");

    /// <summary>The attribute element as Dataverse prints it in the fault (double quotes, a space before "/>").</summary>
    private static string NodeXml(SelectedColumn column) =>
        column.Alias is { Length: > 0 } alias ? $"<attribute name=\"{column.Name}\" alias=\"{alias}\" />" : $"<attribute name=\"{column.Name}\" />";
}
