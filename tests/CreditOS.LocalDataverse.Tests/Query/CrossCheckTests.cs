using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

/// <summary>Equivalent QueryExpression and FetchXML queries give the same rows in the same order.</summary>
public sealed class CrossCheckTests : QueryTestBase
{
    public CrossCheckTests()
    {
        var contacts = Enumerable.Range(1, 4).Select(number => Add(T.Contact, (T.FullName, $"Contact {number}"))).ToList();
        for (var number = 1; number <= 30; number++)
        {
            AddAccount($"Account {number:D2}",
                (T.NumberOfEmployees, number % 7 == 0 ? null : number * 3 % 11),
                (T.CreditLimit, new Money(number * 1000m)),
                (T.IndustryCode, new OptionSetValue((number % 3) + 1)),
                (T.CreatedOn, Utc(2026, 3, 18).AddDays(-number)),
                (T.PrimaryContactId, number % 5 == 0 ? null : new EntityReference(T.Contact, contacts[number % 4].Id)));
        }
    }

    public static TheoryData<string> Cases => new(EquivalentQueries.Keys);

    private static readonly Dictionary<string, (Func<QueryExpression> Expression, string FetchXml)> EquivalentQueries = new()
    {
        ["equality and range"] = (
            () => Query(query =>
            {
                query.Criteria.AddCondition(T.IndustryCode, ConditionOperator.Equal, 2);
                query.Criteria.AddCondition(T.CreditLimit, ConditionOperator.Between, 5000m, 20000m);
                query.AddOrder(T.Name, OrderType.Descending);
            }),
            AccountFetch("<filter><condition attribute='industrycode' operator='eq' value='2' /><condition attribute='creditlimit' operator='between'><value>5000</value><value>20000</value></condition></filter><order attribute='name' descending='true' />")),
        ["or with nested and, nulls ordered first"] = (
            () => Query(query =>
            {
                query.Criteria.FilterOperator = LogicalOperator.Or;
                query.Criteria.AddCondition(T.NumberOfEmployees, ConditionOperator.Null);
                var both = query.Criteria.AddFilter(LogicalOperator.And);
                both.AddCondition(T.NumberOfEmployees, ConditionOperator.GreaterThan, 5);
                both.AddCondition(T.Name, ConditionOperator.Like, "%1%");
                query.AddOrder(T.NumberOfEmployees, OrderType.Ascending);
                query.AddOrder(T.Name, OrderType.Ascending);
            }),
            AccountFetch("<filter type='or'><condition attribute='numberofemployees' operator='null' /><filter type='and'><condition attribute='numberofemployees' operator='gt' value='5' /><condition attribute='name' operator='like' value='%1%' /></filter></filter><order attribute='numberofemployees' /><order attribute='name' />")),
        ["relative dates and in"] = (
            () => Query(query =>
            {
                query.Criteria.AddCondition(T.CreatedOn, ConditionOperator.LastXDays, 12);
                query.Criteria.AddCondition(T.NumberOfEmployees, ConditionOperator.NotIn, 3, 6);
                query.AddOrder(T.CreatedOn, OrderType.Ascending);
            }),
            AccountFetch("<filter><condition attribute='createdon' operator='last-x-days' value='12' /><condition attribute='numberofemployees' operator='not-in'><value>3</value><value>6</value></condition></filter><order attribute='createdon' />")),
        ["outer join with condition on the link"] = (
            () => Query(query =>
            {
                var contact = query.AddLink(T.Contact, T.PrimaryContactId, T.ContactId, JoinOperator.LeftOuter);
                contact.EntityAlias = "c";
                query.Criteria.AddCondition("c", T.FullName, ConditionOperator.In, "Contact 1", "Contact 3");
                query.AddOrder(T.CreditLimit, OrderType.Descending);
            }),
            AccountFetch("<link-entity name='contact' from='contactid' to='primarycontactid' alias='c' link-type='outer' /><filter><condition entityname='c' attribute='fullname' operator='in'><value>Contact 1</value><value>Contact 3</value></condition></filter><order attribute='creditlimit' descending='true' />")),
        ["inner join ordered by lookup name"] = (
            () => Query(query =>
            {
                query.AddLink(T.Contact, T.PrimaryContactId, T.ContactId).LinkCriteria.AddCondition(T.FullName, ConditionOperator.NotEqual, "Contact 2");
                query.AddOrder(T.PrimaryContactId, OrderType.Ascending);
                query.AddOrder(T.Name, OrderType.Ascending);
            }),
            AccountFetch("<link-entity name='contact' from='contactid' to='primarycontactid'><filter><condition attribute='fullname' operator='ne' value='Contact 2' /></filter></link-entity><order attribute='primarycontactid' /><order attribute='name' />")),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void QueryExpressionAndFetchXml_ReturnTheSameRowsInTheSameOrder(string name)
    {
        var (expression, fetchXml) = EquivalentQueries[name];

        var expected = Retrieve(expression()).Entities.Select(entity => entity.Id).ToList();
        var actual = Retrieve(new FetchExpression(fetchXml)).Entities.Select(entity => entity.Id).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void QueryExpressionAndFetchXml_PageIdentically()
    {
        var query = Query(query => query.AddOrder(T.CreditLimit, OrderType.Ascending));
        query.PageInfo = new PagingInfo { Count = 7, PageNumber = 3 };

        var expected = Retrieve(query).Entities.Select(entity => entity.Id).ToList();
        var actual = Retrieve(new FetchExpression("<fetch count='7' page='3'><entity name='account'><attribute name='name' /><order attribute='creditlimit' /></entity></fetch>"))
            .Entities.Select(entity => entity.Id).ToList();

        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, actual);
    }

    private static QueryExpression Query(Action<QueryExpression> shape)
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        shape(query);
        return query;
    }

    private static string AccountFetch(string body) => $"<fetch><entity name='account'><attribute name='name' />{body}</entity></fetch>";
}
