using System.ServiceModel;
using CreditOS.LocalDataverse.Query;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query.Support;

/// <summary>Shared arrangement for query tests: an indexed in-memory row source, a fixed clock and row builders.</summary>
public abstract class QueryTestBase
{
    /// <summary>Wednesday 18 March 2026, 15:30 UTC.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 18, 15, 30, 0, TimeSpan.Zero);

    protected QueryTestBase()
        : this(TestCatalog.Create())
    {
    }

    protected QueryTestBase(CreditOS.Solution.Metadata.MetadataCatalog catalog) => Rows = new InMemoryRowSource(catalog);

    protected InMemoryRowSource Rows { get; }

    protected QueryEngine Engine => new(Rows, new FixedClock(Now));

    protected static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    protected Entity Add(string table, params (string Column, object? Value)[] values)
    {
        var row = new Entity(table, Guid.NewGuid());
        foreach (var (column, value) in values)
        {
            row[column] = value;
        }

        return Rows.Add(row);
    }

    protected Entity AddAccount(string name, params (string Column, object? Value)[] values) =>
        Add(T.Account, [(T.Name, name), .. values]);

    protected EntityCollection Retrieve(QueryBase query) => Engine.Execute(query).Entities;

    protected EntityCollection Fetch(string fetchXml) => Retrieve(new FetchExpression(fetchXml));

    protected List<string> AccountNames(QueryExpression query) => Names(Retrieve(query));

    protected static List<string> Names(EntityCollection result, string column = T.Name) =>
        result.Entities.Select(entity => entity.GetAttributeValue<string>(column)).ToList();

    protected static List<string> SortedNames(EntityCollection result, string column = T.Name) =>
        Names(result, column).Order(StringComparer.Ordinal).ToList();

    protected OrganizationServiceFault Fault(QueryBase query) =>
        Assert.Throws<FaultException<OrganizationServiceFault>>(() => Engine.Execute(query)).Detail;

    protected static QueryExpression Accounts(params ConditionExpression[] conditions)
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        foreach (var condition in conditions)
        {
            query.Criteria.AddCondition(condition);
        }

        return query;
    }

    protected static object? Aliased(Entity entity, string key) => entity.GetAttributeValue<AliasedValue>(key)?.Value;
}
