namespace CreditOS.LocalDataverse.Query;

/// <summary>Checks a query against the metadata and compiles it into a <see cref="QueryPlan"/>, before any row is read.</summary>
internal sealed class QueryPlanner(IRowSource rows, RowAccess access, DateTime now, QueryCaller? caller = null)
{
    public QueryPlan Plan(QuerySpec spec)
    {
        ConditionLimit.Check(spec);
        var scopes = ScopeSet.Build(spec, rows.Metadata);
        var conditions = new ConditionCompiler(scopes, now, rows, caller, spec.FilterLinks);
        foreach (var scope in scopes.All.Where(scope => !scope.IsRoot))
        {
            scope.JoinCriteria = conditions.Compile(scope.Link!.Criteria, scope);
            scope.TextSeeks = SeekFinder.FindText(scope.Link.Criteria, scopes, scope);
        }

        var filter = conditions.Compile(spec.Criteria, scopes.Root);
        var rootFilter = RootConditions.Of(spec, scopes) is { } rootOnly ? conditions.Compile(rootOnly, scopes.Root) : null;
        ValidateColumns(scopes, spec.IsAggregate);
        var aggregate = spec.IsAggregate ? AggregatePlanner.Plan(spec, scopes) : null;
        return new QueryPlan
        {
            Spec = spec,
            Scopes = scopes,
            Filter = filter,
            RootFilter = rootFilter,
            Seeks = SeekFinder.Find(spec.Criteria, scopes),
            TextSeeks = SeekFinder.FindText(spec.Criteria, scopes),
            SortKeys = aggregate is null ? new SortKeyPlanner(access).Plan(spec, scopes) : [],
            Aggregate = aggregate,
            Page = PageRequest.From(spec),
            ReadsClock = conditions.ReadsClock,
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
                _ = ColumnReader.Definition(scope, column.Name);
                if (!aggregate && (column.Aggregate is not null || column.GroupBy))
                {
                    throw QueryFaults.Create(QueryErrorCodes.QueryBuilderDeserializeInvalidAggregate,
                        $"The attribute '{column.Name}' has an aggregate or groupby, but the fetch element does not set aggregate='true'.");
                }
            }
        }
    }
}
