using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.XrmSdk.StandIn.Tests.Query;

public class QueryTests
{
    [Fact]
    public void ColumnSet_True_MeansAllColumns_WithNoNames()
    {
        var all = new ColumnSet(true);

        Assert.True(all.AllColumns);
        Assert.Empty(all.Columns);
    }

    [Fact]
    public void ColumnSet_Empty_MeansNoColumns()
    {
        var none = new ColumnSet();

        Assert.False(none.AllColumns);
        Assert.Empty(none.Columns);
    }

    [Fact]
    public void ColumnSet_Names_AreKeptInOrder_AndCanBeAdded()
    {
        var columns = new ColumnSet("name", "creditlimit");

        columns.AddColumn("cos_tier");
        columns.AddColumns("cos_valuescore", "cos_riskscore");

        Assert.Equal(["name", "creditlimit", "cos_tier", "cos_valuescore", "cos_riskscore"], columns.Columns);
        Assert.False(columns.AllColumns);
    }

    [Fact]
    public void QueryExpression_Defaults()
    {
        var query = new QueryExpression("account");

        Assert.Equal("account", query.EntityName);
        Assert.False(query.Distinct);
        Assert.False(query.NoLock);
        Assert.Null(query.TopCount);
        Assert.False(query.ColumnSet.AllColumns);
        Assert.Empty(query.ColumnSet.Columns);
        Assert.Equal(LogicalOperator.And, query.Criteria.FilterOperator);
        Assert.Empty(query.Criteria.Conditions);
        Assert.Empty(query.LinkEntities);
        Assert.Empty(query.Orders);
    }

    [Fact]
    public void PagingInfo_Defaults_AreZeroAndNoCookie()
    {
        var paging = new QueryExpression("account").PageInfo;

        Assert.Equal(0, paging.Count);
        Assert.Equal(0, paging.PageNumber);
        Assert.Null(paging.PagingCookie);
        Assert.False(paging.ReturnTotalRecordCount);
    }

    [Fact]
    public void QueryByAttribute_HasNoColumnSetOrPagingUntilGiven()
    {
        var query = new QueryByAttribute("account");

        query.AddAttributeValue("accountnumber", "ACC-1");
        query.AddOrder("name", OrderType.Descending);

        Assert.Null(query.ColumnSet);
        Assert.Null(query.PageInfo);
        Assert.Null(query.TopCount);
        Assert.Equal(["accountnumber"], query.Attributes);
        Assert.Equal(["ACC-1"], query.Values);
        Assert.Equal(OrderType.Descending, Assert.Single(query.Orders).OrderType);
    }

    [Fact]
    public void QueryExpression_AddLink_LinksFromTheQueryTable_AsInnerJoin()
    {
        var query = new QueryExpression("salesorder");

        var link = query.AddLink("account", "customerid", "accountid");

        Assert.Same(link, Assert.Single(query.LinkEntities));
        Assert.Equal("salesorder", link.LinkFromEntityName);
        Assert.Equal("customerid", link.LinkFromAttributeName);
        Assert.Equal("account", link.LinkToEntityName);
        Assert.Equal("accountid", link.LinkToAttributeName);
        Assert.Equal(JoinOperator.Inner, link.JoinOperator);
        Assert.NotNull(link.Columns);
        Assert.NotNull(link.LinkCriteria);
    }

    [Fact]
    public void LinkEntity_AddLink_CopiesTheParentsLinkFromEntityName()
    {
        var link = new LinkEntity("salesorder", "account", "customerid", "accountid", JoinOperator.LeftOuter);

        var nested = link.AddLink("systemuser", "ownerid", "systemuserid", JoinOperator.LeftOuter);

        Assert.Same(nested, Assert.Single(link.LinkEntities));
        Assert.Equal("salesorder", nested.LinkFromEntityName);
        Assert.Equal("systemuser", nested.LinkToEntityName);
        Assert.Equal(JoinOperator.LeftOuter, nested.JoinOperator);
    }

    [Fact]
    public void ConditionExpression_SingleValue_IsOneValue_EvenWhenNull()
    {
        var equal = new ConditionExpression("name", ConditionOperator.Equal, "Contoso");
        var nullValue = new ConditionExpression("name", ConditionOperator.Equal, (object)null!);

        Assert.Equal(["Contoso"], equal.Values);
        Assert.Single(nullValue.Values);
        Assert.Null(equal.EntityName);
        Assert.False(equal.CompareColumns);
    }

    [Fact]
    public void ConditionExpression_ArrayOrCollection_BecomesOneValueEach()
    {
        var fromArray = new ConditionExpression("statuscode", ConditionOperator.In, 1, 2, 3);
        var fromList = new ConditionExpression("statuscode", ConditionOperator.In, new List<int> { 1, 2 });

        Assert.Equal(3, fromArray.Values.Count);
        Assert.Equal(2, fromList.Values.Count);
    }

    [Fact]
    public void ConditionExpression_WithoutValues_HasNone()
    {
        var isNull = new ConditionExpression("parentaccountid", ConditionOperator.Null);

        Assert.Empty(isNull.Values);
        Assert.Equal(ConditionOperator.Null, isNull.Operator);
    }

    [Fact]
    public void ConditionExpression_WithEntityNameAndColumnComparison()
    {
        var condition = new ConditionExpression("account", "creditlimit", ConditionOperator.GreaterThan, true, "cos_exposure");

        Assert.Equal("account", condition.EntityName);
        Assert.True(condition.CompareColumns);
        Assert.Equal(["cos_exposure"], condition.Values);
    }

    [Fact]
    public void FilterExpression_NestsFilters_AndIgnoresNullChild()
    {
        var filter = new FilterExpression(LogicalOperator.Or);

        var child = filter.AddFilter(LogicalOperator.And);
        child.AddCondition("statecode", ConditionOperator.Equal, 0);
        filter.AddFilter((FilterExpression)null!);

        Assert.Same(child, Assert.Single(filter.Filters));
        Assert.Equal(LogicalOperator.Or, filter.FilterOperator);
        Assert.Equal([0], Assert.Single(child.Conditions).Values);
    }

    [Theory]
    [InlineData(ConditionOperator.Equal, 0)]
    [InlineData(ConditionOperator.In, 8)]
    [InlineData(ConditionOperator.Between, 10)]
    [InlineData(ConditionOperator.On, 25)]
    [InlineData(ConditionOperator.LastXDays, 33)]
    [InlineData(ConditionOperator.BeginsWith, 54)]
    [InlineData(ConditionOperator.Under, 75)]
    [InlineData(ConditionOperator.DoesNotContainValues, 88)]
    public void ConditionOperator_HasMicrosoftsNumericValues(ConditionOperator conditionOperator, int value)
    {
        Assert.Equal(value, (int)conditionOperator);
    }

    [Fact]
    public void OrderExpression_DefaultsToAscending()
    {
        Assert.Equal(OrderType.Ascending, new OrderExpression().OrderType);
    }
}
