using System.Security;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 11: "if you request nonconsecutive pages, the paging cookie value is ignored" (Page large result sets with QueryExpression,
/// learn.microsoft.com/power-apps/developer/data-platform/org-service/page-large-result-sets-with-queryexpression; the FetchXML page says
/// the same), so the page is read by its number. The local engine resumed after the cookie's last row whatever page was asked: page 3
/// with page 1's cookie answered page 2's rows.
/// </summary>
public sealed class NonConsecutivePageProbes
{
    [Fact]
    public void QueryExpression_PageThreeWithPageOnesCookie_IsPageThree()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        FiveAccounts(service);

        var query = NamesInPagesOfTwo();
        var first = service.RetrieveMultiple(query);
        query.PageInfo.PageNumber = 3;
        query.PageInfo.PagingCookie = first.PagingCookie;

        var third = service.RetrieveMultiple(query);

        Assert.Equal(["Account 5"], third.Entities.Select(e => e.GetAttributeValue<string>("name")));
        Assert.False(third.MoreRecords);
    }

    [Fact]
    public void QueryExpression_TheNextPageWithTheCookie_StillResumesAfterTheCookiesLastRow()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var ids = FiveAccounts(service);
        var query = NamesInPagesOfTwo();
        var first = service.RetrieveMultiple(query);
        service.Delete("account", ids[0]);
        query.PageInfo.PageNumber = 2;
        query.PageInfo.PagingCookie = first.PagingCookie;

        Assert.Equal(["Account 3", "Account 4"], service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("name")));
    }

    [Fact]
    public void FetchXml_PageThreeWithPageOnesCookie_IsPageThree()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        FiveAccounts(service);

        const string Fetch = "<fetch count='2' page='{0}'{1}><entity name='account'><attribute name='name'/><order attribute='name'/></entity></fetch>";
        var first = service.RetrieveMultiple(new FetchExpression(string.Format(System.Globalization.CultureInfo.InvariantCulture, Fetch, 1, string.Empty)));
        var cookie = $" paging-cookie='{SecurityElement.Escape(first.PagingCookie)}'";

        var third = service.RetrieveMultiple(new FetchExpression(string.Format(System.Globalization.CultureInfo.InvariantCulture, Fetch, 3, cookie)));

        Assert.Equal(["Account 5"], third.Entities.Select(e => e.GetAttributeValue<string>("name")));
    }

    private static QueryExpression NamesInPagesOfTwo()
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        query.AddOrder("name", OrderType.Ascending);
        return query;
    }

    /// <summary>Accounts 1 to 5, so pages of two are (1, 2), (3, 4), (5).</summary>
    private static List<Guid> FiveAccounts(IOrganizationService service) =>
        Enumerable.Range(1, 5).Select(n => SolutionRows.Account(service, $"Account {n}")).ToList();
}
