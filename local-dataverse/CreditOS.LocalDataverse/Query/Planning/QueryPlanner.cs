using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>Checks a query against the metadata and compiles it into a <see cref="QueryPlan"/>, before any row is read.</summary>
internal sealed class QueryPlanner(IRowSource rows, RowAccess access, DateTime now)
{
    public QueryPlan Plan(QuerySpec spec)
    {
        var scopes = ScopeSet.Build(spec, rows.Metadata);
        var conditions = new ConditionCompiler(scopes, now);
        foreach (var scope in scopes.All.Where(scope => !scope.IsRoot))
        {
            scope.JoinCriteria = conditions.Compile(scope.Link!.Criteria, scope);
        }

        var filter = conditions.Compile(spec.Criteria, scopes.Root);
        ValidateColumns(scopes, spec.IsAggregate);
        var aggregate = spec.IsAggregate ? PlanAggregate(spec, scopes) : null;
        return new QueryPlan
        {
            Spec = spec,
            Scopes = scopes,
            Filter = filter,
            Seeks = FindSeeks(spec.Criteria, scopes),
            SortKeys = aggregate is null ? PlanSortKeys(spec, scopes) : [],
            Aggregate = aggregate,
            Page = PageRequest.From(spec),
        };
    }

    private static void ValidateColumns(ScopeSet scopes, bool aggregate)
    {
        foreach (var scope in scopes.All)
        {
            if (aggregate && scope.Columns.AllColumns)
            {
                throw QueryFaults.Create(QueryErrorCodes.QueryBuilderAttributeWithAggregate,
                    $"An aggregate query cannot return all columns of '{scope.Table.LogicalName}'.");
            }

            foreach (var column in scope.Columns.Columns)
            {
                _ = ColumnReader.For(scope, column.Name);
                if (!aggregate && (column.Aggregate is not null || column.GroupBy))
                {
                    throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidAggregate,
                        $"The attribute '{column.Name}' has an aggregate or groupby, but the fetch element does not set aggregate='true'.");
                }
            }
        }
    }

    private IReadOnlyList<SortKey> PlanSortKeys(QuerySpec spec, ScopeSet scopes)
    {
        // Dataverse applies the root entity's orders first, then each link-entity's, in document order.
        var keys = spec.Orders.Select(order => SortKeyFor(order, scopes.Resolve(order.EntityName, scopes.Root), spec)).ToList();
        foreach (var scope in scopes.All.Where(scope => !scope.IsRoot))
        {
            keys.AddRange(scope.Link!.Orders.Select(order => SortKeyFor(order, scopes.Resolve(order.EntityName, scope), spec)));
        }

        return keys;
    }

    private SortKey SortKeyFor(OrderSpec order, Scope scope, QuerySpec spec)
    {
        if (order.Attribute is null)
        {
            throw QueryFaults.InvalidArgument($"The order by alias '{order.Alias}' is only valid in an aggregate query; name an attribute instead.");
        }

        var column = ColumnReader.For(scope, order.Attribute);
        var definition = column.Column;
        if (ValueKinds.IsReference(definition.Type))
        {
            return new SortKey(column.Name, scope, typeof(string), order.Descending,
                row => column.ReadStored(row) is Microsoft.Xrm.Sdk.EntityReference reference ? access.PrimaryName(reference) : null);
        }

        if (column.Kind == ValueKind.Choice && !spec.UseRawOrderBy)
        {
            return new SortKey(column.Name, scope, typeof(string), order.Descending,
                row => column.Read(row) is int value ? ChoiceLabel(definition, value) : null);
        }

        return new SortKey(column.Name, scope, ClrType(column.Kind), order.Descending, column.Read);
    }

    private static string ChoiceLabel(ColumnDefinition column, int value) =>
        column.Options.FirstOrDefault(option => option.Value == value)?.Label
        ?? value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Type ClrType(ValueKind kind) => kind switch
    {
        ValueKind.Text => typeof(string),
        ValueKind.Number => typeof(decimal),
        ValueKind.Float => typeof(double),
        ValueKind.DateTime => typeof(DateTime),
        ValueKind.Identifier => typeof(Guid),
        ValueKind.Boolean => typeof(bool),
        _ => typeof(int),
    };

    private static AggregatePlan PlanAggregate(QuerySpec spec, ScopeSet scopes)
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

    private static List<RootSeek> FindSeeks(FilterExpression criteria, ScopeSet scopes)
    {
        var seeks = new List<RootSeek>();
        Collect(criteria);
        return seeks;

        void Collect(FilterExpression filter)
        {
            if (filter.FilterOperator != LogicalOperator.And)
            {
                return;
            }

            foreach (var condition in filter.Conditions)
            {
                if (condition.Operator is not (ConditionOperator.Equal or ConditionOperator.In)
                    || scopes.Resolve(condition.EntityName, scopes.Root) != scopes.Root)
                {
                    continue;
                }

                var column = scopes.Root.Table.FindColumn(condition.AttributeName);
                if (column is not null && ValueKinds.Of(column.Type) == ValueKind.Identifier)
                {
                    var keys = condition.Values
                        .Select(value => (Guid)ConditionValueCoercer.Coerce(value, ValueKind.Identifier, scopes.Root.Table.LogicalName, column.LogicalName))
                        .Distinct()
                        .ToList();
                    seeks.Add(new RootSeek(column.LogicalName, keys));
                }
            }

            foreach (var child in filter.Filters)
            {
                Collect(child);
            }
        }
    }
}
