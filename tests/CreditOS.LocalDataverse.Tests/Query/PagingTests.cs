using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

public sealed class PagingTests : QueryTestBase
{
    private void AddNumberedAccounts(int count)
    {
        for (var number = 1; number <= count; number++)
        {
            AddAccount($"Account {number:D5}", (T.NumberOfEmployees, number));
        }
    }

    private static QueryExpression ByNumber(int pageSize = 0, int pageNumber = 0, string? cookie = null)
    {
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name, T.NumberOfEmployees) };
        query.AddOrder(T.NumberOfEmployees, OrderType.Ascending);
        query.PageInfo = new PagingInfo { Count = pageSize, PageNumber = pageNumber, PagingCookie = cookie };
        return query;
    }

    private static List<int> Numbers(EntityCollection page) =>
        page.Entities.Select(entity => entity.GetAttributeValue<int>(T.NumberOfEmployees)).ToList();

    [Fact]
    public void TopCount_ReturnsTheFirstRowsInOrder()
    {
        AddNumberedAccounts(10);
        var query = ByNumber();
        query.PageInfo = new PagingInfo();
        query.TopCount = 3;

        var result = Retrieve(query);

        Assert.Equal([1, 2, 3], Numbers(result));
        Assert.False(result.MoreRecords);
    }

    [Fact]
    public void TopCount_WithPageInfo_Fails()
    {
        var query = ByNumber(pageSize: 5, pageNumber: 1);
        query.TopCount = 3;

        Assert.Contains("top count cannot be used together with paging", Fault(query).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TopCount_OfZero_Fails()
    {
        var query = ByNumber();
        query.TopCount = 0;

        Assert.Equal(-2147217140, Fault(query).ErrorCode); // QueryBuilderValue_GreaterThanZero 0x8004110C since round 10
    }

    [Fact]
    public void PageSize_AboveFiveThousand_Fails()
    {
        Assert.Contains("between 1 and 5000", Fault(ByNumber(pageSize: 5001, pageNumber: 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutPaging_AtMostFiveThousandRowsComeBack_AndMoreRecordsSaysSo()
    {
        AddNumberedAccounts(5001);

        var result = Retrieve(ByNumber());

        Assert.Equal(5000, result.Entities.Count);
        Assert.True(result.MoreRecords);
    }

    [Fact]
    public void PageNumbers_SelectConsecutivePages()
    {
        AddNumberedAccounts(7);

        var second = Retrieve(ByNumber(pageSize: 3, pageNumber: 2));
        var third = Retrieve(ByNumber(pageSize: 3, pageNumber: 3));

        Assert.Equal([4, 5, 6], Numbers(second));
        Assert.True(second.MoreRecords);
        Assert.Equal([7], Numbers(third));
        Assert.False(third.MoreRecords);
    }

    [Fact]
    public void PagingCookie_HasDataverseShape()
    {
        AddNumberedAccounts(4);

        var cookie = Retrieve(ByNumber(pageSize: 2, pageNumber: 1)).PagingCookie;

        Assert.StartsWith("<cookie page=\"1\"><numberofemployees last=\"2\" first=\"1\" /><accountid last=\"{", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public void PagingCookie_ContinuesAfterTheLastRow_EvenWhenRowsAreAddedBeforeIt()
    {
        AddNumberedAccounts(6);
        var first = Retrieve(ByNumber(pageSize: 3, pageNumber: 1));
        AddAccount("Late arrival", (T.NumberOfEmployees, 0));

        var second = Retrieve(ByNumber(pageSize: 3, pageNumber: 2, first.PagingCookie));

        Assert.Equal([4, 5, 6], Numbers(second));
        Assert.False(second.MoreRecords);
    }

    [Fact]
    public void PagingCookie_ReadsEveryRowExactlyOnce_WithTiesInTheOrder()
    {
        for (var index = 0; index < 10; index++)
        {
            AddAccount($"Tied {index}", (T.NumberOfEmployees, index % 3));
        }

        var seen = new List<Guid>();
        string? cookie = null;
        for (var page = 1; ; page++)
        {
            var result = Retrieve(ByNumber(pageSize: 4, pageNumber: page, cookie));
            seen.AddRange(result.Entities.Select(entity => entity.Id));
            if (!result.MoreRecords)
            {
                break;
            }

            cookie = result.PagingCookie;
        }

        Assert.Equal(10, seen.Distinct().Count());
        Assert.Equal(10, seen.Count);
    }

    [Fact]
    public void PagingCookie_ThatDoesNotMatchTheQuery_Fails()
    {
        AddNumberedAccounts(3);

        var fault = Fault(ByNumber(pageSize: 2, pageNumber: 2, "<cookie page=\"1\"><name last=\"x\" /></cookie>"));

        Assert.Contains("paging cookie is not valid", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PagingByNumber_BeyondFiftyThousandRows_Fails()
    {
        AddNumberedAccounts(50_001);

        var fault = Fault(ByNumber(pageSize: 5000, pageNumber: 11));

        Assert.Contains("50000", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReturnTotalRecordCount_CountsAllMatchingRows()
    {
        AddNumberedAccounts(7);
        var query = ByNumber(pageSize: 2, pageNumber: 1);
        query.PageInfo.ReturnTotalRecordCount = true;

        var result = Retrieve(query);

        Assert.Equal(7, result.TotalRecordCount);
        Assert.False(result.TotalRecordCountLimitExceeded);
    }

    [Fact]
    public void ReturnTotalRecordCount_StopsAtFiveThousand()
    {
        AddNumberedAccounts(5001);
        var query = ByNumber(pageSize: 10, pageNumber: 1);
        query.PageInfo.ReturnTotalRecordCount = true;

        var result = Retrieve(query);

        Assert.Equal(5000, result.TotalRecordCount);
        Assert.True(result.TotalRecordCountLimitExceeded);
    }

    [Fact]
    public void TotalRecordCount_IsMinusOne_WhenNotRequested()
    {
        AddNumberedAccounts(2);

        Assert.Equal(-1, Retrieve(ByNumber()).TotalRecordCount);
    }

    [Fact]
    public void Distinct_RemovesDuplicateRows_AndLeavesOutThePrimaryKey()
    {
        AddAccount("Same", (T.NumberOfEmployees, 1));
        AddAccount("Same", (T.NumberOfEmployees, 2));
        AddAccount("Other", (T.NumberOfEmployees, 3));
        var query = new QueryExpression(T.Account) { ColumnSet = new ColumnSet(T.Name), Distinct = true };
        query.AddOrder(T.Name, OrderType.Ascending);

        var result = Retrieve(query);

        Assert.Equal(["Other", "Same"], Names(result));
        Assert.All(result.Entities, entity => Assert.Equal(Guid.Empty, entity.Id));
    }

    [Fact]
    public void ResultCollection_NamesTheTable()
    {
        Assert.Equal(T.Account, Retrieve(ByNumber()).EntityName);
    }
}
