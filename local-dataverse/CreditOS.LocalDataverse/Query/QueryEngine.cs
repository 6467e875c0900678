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

    public QueryResult Execute(QueryBase query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var spec = query switch
        {
            QueryExpression expression => QueryExpressionTranslator.Translate(expression),
            QueryByAttribute byAttribute => QueryExpressionTranslator.Translate(byAttribute),
            FetchExpression fetch => FetchXmlParser.Parse(fetch.Query),
            _ => throw QueryFaults.NotSupported($"queries of type {query.GetType().Name}"),
        };

        var access = new RowAccess(_rows);
        var plan = new QueryPlanner(_rows, access, _clock.GetUtcNow().UtcDateTime).Plan(spec);
        var joined = JoinedRows.Produce(plan, access);
        var entities = plan.Aggregate is null
            ? ResultBuilder.Rows(plan, joined, access)
            : ResultBuilder.Aggregates(plan, joined, access);
        entities.EntityName = plan.Scopes.Root.Table.LogicalName;
        return new QueryResult(entities, access.RowsExamined);
    }
}
