using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

public sealed class QueryByAttributeTests : QueryTestBase
{
    public QueryByAttributeTests()
    {
        AddAccount("Contoso", (T.NumberOfEmployees, 10), (T.AccountNumber, "A-1"));
        AddAccount("Fabrikam", (T.NumberOfEmployees, 10));
        AddAccount("Litware", (T.NumberOfEmployees, 30), (T.AccountNumber, "A-3"));
    }

    [Fact]
    public void Attributes_AreAllMatchedForEquality()
    {
        var query = new QueryByAttribute(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        query.AddAttributeValue(T.NumberOfEmployees, 10);
        query.AddAttributeValue(T.AccountNumber, "a-1");

        Assert.Equal(["Contoso"], Names(Retrieve(query)));
    }

    [Fact]
    public void NullValue_MatchesRowsWithoutAValue()
    {
        var query = new QueryByAttribute(T.Account) { ColumnSet = new ColumnSet(T.Name) };
        query.AddAttributeValue(T.AccountNumber, null);

        Assert.Equal(["Fabrikam"], Names(Retrieve(query)));
    }

    [Fact]
    public void OrdersAndTopCount_Apply()
    {
        var query = new QueryByAttribute(T.Account) { ColumnSet = new ColumnSet(T.Name), TopCount = 1 };
        query.AddAttributeValue(T.NumberOfEmployees, 10);
        query.AddOrder(T.Name, OrderType.Descending);

        Assert.Equal(["Fabrikam"], Names(Retrieve(query)));
    }

    [Fact]
    public void NoAttributes_Fails()
    {
        Assert.Equal(-2147217136, Fault(new QueryByAttribute(T.Account)).ErrorCode);
    }

    [Fact]
    public void MoreAttributesThanValues_Fails()
    {
        var query = new QueryByAttribute(T.Account);
        query.Attributes.AddRange(T.Name, T.AccountNumber);
        query.Values.Add("Contoso");

        Assert.Equal(-2147217137, Fault(query).ErrorCode);
    }
}
