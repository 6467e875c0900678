namespace CreditOS.LocalDataverse.Query;

/// <summary>Checks a query against the metadata and compiles it into a <see cref="QueryPlan"/>, before any row is read.</summary>
internal sealed class QueryPlanner(IRowSource rows, RowAccess access, DateTime now, QueryCaller? caller = null)
{
    public QueryPlan Plan(QuerySpec spec)
    {
        // The shape's checks and tables come from the cache when a query of the same shape was planned before against this
        // catalog (QueryShapeCache); the conditions are compiled with this call's values every time, so their value errors
        // and results are this call's. On a miss every check runs in the order it always did.
        var cache = QueryShapeCache.For(rows.Metadata);
        var shapeText = QueryShapeKey.Of(spec).Text;
        var shape = cache.Find(shapeText);
        var key = shape is null ? new string(shapeText) : null;
        ScopeSet scopes;
        if (shape is null)
        {
            ConditionLimit.Check(spec);
            scopes = ScopeSet.Build(spec, rows.Metadata);
        }
        else
        {
            scopes = shape.Scopes;
        }

        var conditions = new ConditionCompiler(scopes, now, rows, caller, spec.FilterLinks);
        // A cached shape's scopes hold the first query's links; this call's link criteria (their values) are read from its own spec.
        var links = LinksInScopeOrder(spec, scopes.All.Count);
        var joinCriteria = new RowPredicate?[scopes.All.Count];
        var linkTextSeeks = new IReadOnlyList<TextSeek>[scopes.All.Count];
        linkTextSeeks[0] = [];
        for (var index = 1; index < scopes.All.Count; index++)
        {
            var scope = scopes.All[index];
            joinCriteria[index] = conditions.Compile(links[index].Criteria, scope);
            linkTextSeeks[index] = SeekFinder.FindText(links[index].Criteria, scopes, scope);
        }

        var filter = conditions.Compile(spec.Criteria, scopes.Root);
        var rootFilter = RootConditions.Of(spec, scopes) is { } rootOnly ? conditions.Compile(rootOnly, scopes.Root) : null;
        AggregatePlan? aggregate;
        if (shape is null)
        {
            ValidateColumns(scopes, spec.IsAggregate);
            aggregate = spec.IsAggregate ? AggregatePlanner.Plan(spec, scopes) : null;
            cache.Keep(key!, new QueryShape(scopes, aggregate));
        }
        else
        {
            aggregate = shape.Aggregate;
        }

        return new QueryPlan
        {
            Spec = spec,
            Scopes = scopes,
            Filter = filter,
            RootFilter = rootFilter,
            JoinCriteria = joinCriteria,
            LinkTextSeeks = linkTextSeeks,
            Seeks = SeekFinder.Find(spec.Criteria, scopes),
            TextSeeks = SeekFinder.FindText(spec.Criteria, scopes),
            SortKeys = aggregate is null ? new SortKeyPlanner(access).Plan(spec, scopes) : [],
            Aggregate = aggregate,
            Page = PageRequest.From(spec),
            ReadsClock = conditions.ReadsClock,
        };
    }

    /// <summary>The spec's links in the order <see cref="ScopeSet.Build"/> numbers their scopes (document order, nested links after their parent); index 0, the root, has none.</summary>
    private static LinkSpec[] LinksInScopeOrder(QuerySpec spec, int scopeCount)
    {
        var links = new LinkSpec[scopeCount];
        var next = 1;
        foreach (var link in spec.Links)
        {
            Add(link);
        }

        return links;

        void Add(LinkSpec link)
        {
            links[next++] = link;
            foreach (var nested in link.Links)
            {
                Add(nested);
            }
        }
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
