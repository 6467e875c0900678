using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

public sealed class OrderingTests : QueryTestBase
{
    public OrderingTests()
    {
        var zoe = Add(T.Contact, (T.FullName, "Zoe"));
        var adam = Add(T.Contact, (T.FullName, "Adam"));
        AddAccount("b-second", (T.NumberOfEmployees, 10), (T.IndustryCode, new OptionSetValue(1)), (T.PrimaryContactId, new EntityReference(T.Contact, zoe.Id)));
        AddAccount("A-first", (T.NumberOfEmployees, 10), (T.IndustryCode, new OptionSetValue(2)), (T.PrimaryContactId, new EntityReference(T.Contact, adam.Id)));
        AddAccount("c-third", (T.NumberOfEmployees, 5), (T.IndustryCode, new OptionSetValue(3)));
        AddAccount("d-fourth");
    }

    private List<string> Ordered(params (string Column, OrderType Type)[] orders)
    {
        var query = Accounts();
        foreach (var (column, type) in orders)
        {
            query.AddOrder(column, type);
        }

        return AccountNames(query);
    }

    [Fact]
    public void Ascending_OrdersTextCaseInsensitively()
    {
        Assert.Equal(["A-first", "b-second", "c-third", "d-fourth"], Ordered((T.Name, OrderType.Ascending)));
    }

    [Fact]
    public void Descending_ReversesTheOrder()
    {
        Assert.Equal(["d-fourth", "c-third", "b-second", "A-first"], Ordered((T.Name, OrderType.Descending)));
    }

    [Fact]
    public void Nulls_ComeFirstAscending_AsInSqlServer()
    {
        Assert.Equal("d-fourth", Ordered((T.NumberOfEmployees, OrderType.Ascending))[0]);
    }

    [Fact]
    public void Nulls_ComeLastDescending()
    {
        Assert.Equal("d-fourth", Ordered((T.NumberOfEmployees, OrderType.Descending))[^1]);
    }

    [Fact]
    public void MultipleOrders_BreakTiesInTurn()
    {
        Assert.Equal(["b-second", "A-first", "c-third", "d-fourth"], Ordered((T.NumberOfEmployees, OrderType.Descending), (T.Name, OrderType.Descending)));
    }

    [Fact]
    public void ChoiceColumns_OrderByLabel()
    {
        // Labels: 3 Accounting, 2 Brokers, 1 Consulting.
        Assert.Equal(["d-fourth", "c-third", "A-first", "b-second"], Ordered((T.IndustryCode, OrderType.Ascending)));
    }

    [Fact]
    public void ChoiceColumns_OrderByValue_WithUseRawOrderBy()
    {
        var result = Fetch("""
            <fetch useraworderby='true'>
              <entity name='account'><attribute name='name' /><order attribute='industrycode' /></entity>
            </fetch>
            """);

        Assert.Equal(["d-fourth", "b-second", "A-first", "c-third"], Names(result));
    }

    [Fact]
    public void LookupColumns_OrderByTheReferencedRowsName()
    {
        Assert.Equal(["c-third", "d-fourth", "A-first", "b-second"], Ordered((T.PrimaryContactId, OrderType.Ascending), (T.Name, OrderType.Ascending)));
    }

    [Fact]
    public void LinkEntityOrders_ApplyAfterTheRootOrders()
    {
        var query = Accounts();
        query.AddOrder(T.NumberOfEmployees, OrderType.Ascending);
        var contact = query.AddLink(T.Contact, T.PrimaryContactId, T.ContactId, JoinOperator.LeftOuter);
        contact.Orders.Add(new OrderExpression(T.FullName, OrderType.Descending));

        Assert.Equal(["d-fourth", "c-third", "b-second", "A-first"], AccountNames(query));
    }

    [Fact]
    public void OrderWithEntityName_OnTheRoot_OrdersByTheLinkedColumnFirst()
    {
        var query = Accounts();
        query.AddLink(T.Contact, T.PrimaryContactId, T.ContactId).EntityAlias = "pc";
        query.Orders.Add(new OrderExpression(T.FullName, OrderType.Ascending, alias: null, entityName: "pc"));

        Assert.Equal(["A-first", "b-second"], AccountNames(query));
    }

    [Fact]
    public void OrderOnUnknownColumn_Fails()
    {
        var query = Accounts();
        query.AddOrder("nosuchcolumn", OrderType.Ascending);

        Assert.Equal(-2147217149, Fault(query).ErrorCode);
    }
}
