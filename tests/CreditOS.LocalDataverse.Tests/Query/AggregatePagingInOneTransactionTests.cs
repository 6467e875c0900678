using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

/// <summary>
/// The pages of a grouped aggregate read one after the other in one transaction (as a plug-in reads them) are cut from
/// one computation; they must be exactly the pages separate queries return, paging and cookie included, and a write
/// between two pages must be seen by the next page as a fresh aggregation would see it.
/// </summary>
public sealed class AggregatePagingInOneTransactionTests : IDisposable
{
    private const int PageSize = 2;
    private static readonly string[] Names = ["Alpine", "Birch", "Cedar", "Dune", "Elm", "Fjord", "Grove"];
    private readonly DataverseTestContext _env = TestEnvironment.Create();

    public AggregatePagingInOneTransactionTests()
    {
        var limit = 100m;
        foreach (var name in Names)
        {
            _env.Service.Create(Rows.Account(name, limit));
            _env.Service.Create(Rows.Account(name, limit / 2));
            limit += 10m;
        }
    }

    public void Dispose() => _env.Dispose();

    [Fact]
    public void PagesInOneTransaction_AreThePagesOfSeparateQueries_RowForRow()
    {
        var separate = Enumerable.Range(1, 4).Select(page => _env.Service.RetrieveMultiple(Grouped(page))).ToList();

        var together = InOneTransaction(Enumerable.Range(1, 4).Select(page => (OrganizationRequest)new RetrieveMultipleRequest { Query = Grouped(page) }).ToArray());

        Assert.Equal(new[] { 2, 2, 2, 1 }, separate.Select(page => page.Entities.Count));
        Assert.Equal(new[] { true, true, true, false }, separate.Select(page => page.MoreRecords));
        Assert.Equal(Describe(separate), Describe(together));
        Assert.All(together, page => Assert.Null(page.PagingCookie));
        Assert.Equal(["Alpine 150", "Birch 165"], Describe([together[0]]));
        Assert.Equal(["Grove 240"], Describe([together[3]]));
    }

    [Fact]
    public void AWriteOfTheTransactionBetweenPages_IsSeenByTheNextPage()
    {
        var pages = InOneTransaction(
            new RetrieveMultipleRequest { Query = Grouped(1) },
            new CreateRequest { Target = Rows.Account("Cedar", 1000m) },
            new RetrieveMultipleRequest { Query = Grouped(2) },
            new CreateRequest { Target = Rows.Account("Aardvark", 5m) },
            new RetrieveMultipleRequest { Query = Grouped(2) });

        Assert.Equal(["Alpine 150", "Birch 165"], Describe([pages[0]]));
        Assert.Equal(["Cedar 1180", "Dune 195"], Describe([pages[1]]));
        // A new first group shifts every later group one place, as a fresh aggregation would.
        Assert.Equal(["Birch 165", "Cedar 1180"], Describe([pages[2]]));
    }

    private static FetchExpression Grouped(int page) => new(
        "<fetch aggregate='true' count='" + PageSize + "' page='" + page + "'><entity name='account'>"
        + "<attribute name='name' alias='name' groupby='true' /><attribute name='creditlimit' alias='total' aggregate='sum' />"
        + "<order alias='name' /></entity></fetch>");

    private List<EntityCollection> InOneTransaction(params OrganizationRequest[] requests)
    {
        var request = new ExecuteTransactionRequest { Requests = [.. requests], ReturnResponses = true };
        var response = (ExecuteTransactionResponse)_env.Service.Execute(request);
        return response.Responses.OfType<RetrieveMultipleResponse>().Select(r => r.EntityCollection).ToList();
    }

    private static List<string> Describe(IEnumerable<EntityCollection> pages) =>
        pages.SelectMany(page => page.Entities).Select(row =>
            (string)((AliasedValue)row["name"]).Value + " " + ((Money)((AliasedValue)row["total"]).Value).Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
