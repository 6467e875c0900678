using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// Answers RetrieveMultiple queries (QueryExpression, QueryByAttribute, FetchExpression) over an <see cref="IRowSource"/>
/// as Dataverse does. Invalid queries fail with Dataverse's fault codes; features it does not implement fail loudly.
/// Relative date operators read <paramref name="clock"/>; users are taken to be in UTC.
/// </summary>
public sealed class QueryEngine(IRowSource rows, TimeProvider clock)
{
    private readonly IRowSource _rows = rows ?? throw new ArgumentNullException(nameof(rows));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    private readonly AggregateView? _aggregates;
    private readonly Func<string, Guid, Entity?>? _lookupRows;
    private readonly QueryCaller? _caller;
    private readonly IRowSource? _unsecuredRows;

    /// <param name="aggregates">Where the transaction keeps its grouped aggregates' results, so their pages are cut from one computation.</param>
    /// <param name="lookupRows">Where lookup names and currencies of the results are read, whatever the caller may read.</param>
    /// <param name="caller">Who runs the query, for eq-userid and the other operators relative to the calling user.</param>
    /// <param name="unsecuredRows">Every row whoever asks: the quick find record limit is counted there, before security (<see cref="QuickFindLimit"/>).</param>
    internal QueryEngine(IRowSource rows, TimeProvider clock, AggregateView aggregates, Func<string, Guid, Entity?> lookupRows, QueryCaller? caller = null, IRowSource? unsecuredRows = null)
        : this(rows, clock)
    {
        _aggregates = aggregates;
        _lookupRows = lookupRows;
        _caller = caller;
        _unsecuredRows = unsecuredRows;
    }

    public QueryResult Execute(QueryBase query) => Execute(query, orderChoicesByValue: false);

    /// <summary>Runs the query; <paramref name="orderChoicesByValue"/> orders a QueryExpression's choices by value (the Web API's $orderby, <see cref="LocalQueryParameters.OrderChoicesByValue"/>).</summary>
    public QueryResult Execute(QueryBase query, bool orderChoicesByValue)
    {
        ArgumentNullException.ThrowIfNull(query);
        var spec = query switch
        {
            QueryExpression expression => QueryExpressionTranslator.Translate(expression, orderChoicesByValue),
            QueryByAttribute byAttribute => QueryExpressionTranslator.Translate(byAttribute),
            FetchExpression fetch => FetchXmlParser.Parse(fetch.Query),
            _ => throw QueryFaults.NotSupported($"queries of type {query.GetType().Name}"),
        };

        var access = new RowAccess(_rows, _lookupRows);
        var now = _clock.GetUtcNow().UtcDateTime;
        var plan = new QueryPlanner(_rows, access, now, _caller).Plan(spec);
        EntityCollection entities;
        var rowsExamined = QuickFindLimit.Check(spec, _rows, _unsecuredRows ?? _rows, now, _caller);
        if (plan.Aggregate is not null && _aggregates is { } view && AggregateResultCache.KeyOf(query, plan, view.CallerId, now) is { } key)
        {
            var (results, examined) = view.Cache.GetOrCompute(key, view.Committed, view.OwnWrites, () =>
            {
                var joinedRows = JoinedRows.Produce(plan, access);
                return (Aggregator.Aggregate(plan, joinedRows, new Projector(plan, access)), access.RowsExamined);
            });
            entities = ResultBuilder.AggregatePage(plan, results);
            // Dataverse aggregates again for every page: the rows examined are reported as if it did.
            rowsExamined += Math.Max(examined, access.RowsExamined);
        }
        else
        {
            var joined = JoinedRows.Produce(plan, access);
            entities = plan.Aggregate is null
                ? ResultBuilder.Rows(plan, joined, access)
                : ResultBuilder.Aggregates(plan, joined, access);
            rowsExamined += access.RowsExamined;
        }

        entities.EntityName = plan.Scopes.Root.Table.LogicalName;
        return new QueryResult(entities, rowsExamined) { SharesInstances = plan.Aggregate is not null, IsAggregate = plan.Aggregate is not null };
    }
}

/// <summary>One transaction's aggregate cache as one caller sees the data: the store's commit count and the transaction's own write count.</summary>
internal sealed record AggregateView(AggregateResultCache Cache, Guid CallerId, long Committed, long OwnWrites);
