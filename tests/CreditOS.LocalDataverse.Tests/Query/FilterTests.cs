using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

public sealed class FilterTests : QueryTestBase
{
    public FilterTests()
    {
        AddAccount("Contoso", (T.NumberOfEmployees, 10), (T.AccountNumber, "A-1"));
        AddAccount("Fabrikam", (T.NumberOfEmployees, 20), (T.AccountNumber, "B-2"));
        AddAccount("Litware", (T.NumberOfEmployees, 30), (T.AccountNumber, "A-3"));
    }

    [Fact]
    public void AndFilter_RequiresEveryCondition()
    {
        var query = Accounts(
            new ConditionExpression(T.AccountNumber, ConditionOperator.BeginsWith, "A"),
            new ConditionExpression(T.NumberOfEmployees, ConditionOperator.GreaterThan, 15));

        Assert.Equal(["Litware"], AccountNames(query));
    }

    [Fact]
    public void OrFilter_RequiresAnyCondition()
    {
        var query = Accounts();
        query.Criteria.FilterOperator = LogicalOperator.Or;
        query.Criteria.AddCondition(T.Name, ConditionOperator.Equal, "Contoso");
        query.Criteria.AddCondition(T.NumberOfEmployees, ConditionOperator.Equal, 30);

        Assert.Equal(["Contoso", "Litware"], SortedNames(Retrieve(query)));
    }

    [Fact]
    public void NestedFilters_CombineAndWithOr()
    {
        var query = Accounts(new ConditionExpression(T.NumberOfEmployees, ConditionOperator.GreaterThan, 10));
        var either = query.Criteria.AddFilter(LogicalOperator.Or);
        either.AddCondition(T.AccountNumber, ConditionOperator.Equal, "B-2");
        either.AddCondition(T.Name, ConditionOperator.Equal, "Contoso");

        Assert.Equal(["Fabrikam"], AccountNames(query));
    }

    [Fact]
    public void EmptyFilter_MatchesEveryRow()
    {
        Assert.Equal(3, AccountNames(Accounts()).Count);
    }

    [Fact]
    public void EqualityOnTheKey_SeeksTheIndex_AndExaminesOnlyThatRow()
    {
        var litware = Rows.Scan(T.Account).Single(row => (string)row[T.Name] == "Litware");

        var result = Engine.Execute(Accounts(new ConditionExpression(T.AccountId, ConditionOperator.Equal, litware.Id)));

        Assert.Equal("Litware", result.Entities.Entities.Single().GetAttributeValue<string>(T.Name));
        Assert.Equal(1, result.RowsExamined);
    }

    [Fact]
    public void InOnTheKey_SeeksEachValue()
    {
        var ids = Rows.Scan(T.Account).Take(2).Select(row => (object)row.Id).ToArray();

        var result = Engine.Execute(Accounts(new ConditionExpression(T.AccountId, ConditionOperator.In, ids)));

        Assert.Equal(2, result.Entities.Entities.Count);
        Assert.Equal(2, result.RowsExamined);
    }

    [Fact]
    public void SeekingStillAppliesTheRestOfTheFilter()
    {
        var litware = Rows.Scan(T.Account).Single(row => (string)row[T.Name] == "Litware");

        var result = Engine.Execute(Accounts(
            new ConditionExpression(T.AccountId, ConditionOperator.Equal, litware.Id),
            new ConditionExpression(T.NumberOfEmployees, ConditionOperator.LessThan, 5)));

        Assert.Empty(result.Entities.Entities);
    }

    [Fact]
    public void EqualityInsideAnOrFilter_ScansAndCountsEveryRow()
    {
        var query = Accounts();
        query.Criteria.FilterOperator = LogicalOperator.Or;
        query.Criteria.AddCondition(T.AccountId, ConditionOperator.Equal, Guid.NewGuid());
        query.Criteria.AddCondition(T.Name, ConditionOperator.Equal, "Contoso");

        var result = Engine.Execute(query);

        Assert.Single(result.Entities.Entities);
        Assert.Equal(3, result.RowsExamined);
    }
}
