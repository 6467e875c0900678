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
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidAlias, $"The alias '{duplicate.Key}' is used by more than one attribute.");
        }

        var orders = spec.Orders.Concat(scopes.All.Where(scope => !scope.IsRoot).SelectMany(scope => scope.Link!.Orders)).Select(order =>
        {
            if (order.Alias is null || outputs.TrueForAll(output => output.Alias != order.Alias))
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
        if (string.IsNullOrEmpty(column.Alias))
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderNoAlias,
                $"The attribute '{scope.Table.LogicalName}.{column.Name}' in an aggregate query needs an alias.");
        }

        if (column.Aggregate is null && !column.GroupBy)
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderAttributeWithAggregate,
                $"The attribute '{scope.Table.LogicalName}.{column.Name}' in an aggregate query must have an aggregate or groupby.");
        }

        if (column.Aggregate is not null && column.GroupBy)
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidAggregate,
                $"The attribute '{column.Alias}' cannot be both an aggregate and a groupby.");
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

        if (column.Aggregate is AggregateFunction.Sum or AggregateFunction.Avg && reader.Kind is not (ValueKind.Number or ValueKind.Float))
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidAggregate,
                $"The {column.Aggregate} aggregate needs a numeric or money column; '{scope.Table.LogicalName}.{column.Name}' is {reader.Column.Type}.");
        }

        if (column.Aggregate is AggregateFunction.Min or AggregateFunction.Max && reader.Kind is not (ValueKind.Number or ValueKind.Float or ValueKind.DateTime))
        {
            throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidAggregate,
                $"The {column.Aggregate} aggregate needs a numeric, money or date column; '{scope.Table.LogicalName}.{column.Name}' is {reader.Column.Type}.");
        }

        return new AggregateOutput(column.Alias, reader, column.Aggregate, column.DateGrouping, column.Distinct);
    }
}
