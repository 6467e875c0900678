using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 22 (session 30): Web API paging follows a paging cookie. "Page results using OData" (webapi/query/page-results) shows the
/// @odata.nextLink's $skiptoken as <c>&lt;cookie pagenumber="2" pagingcookie="%253ccookie%2520page…" istracking="False" /&gt;</c>, and
/// "A paging cookie tells Dataverse the previous page. With this paging cookie data, Dataverse can start with the next record after
/// the last one on the preceding page" (same page, "Ordering and paging"). The local token was the page number alone, so the next page
/// was counted from the first row again: after the rows of page 1 were deleted (or changed so they no longer match), page 2 skipped
/// rows Dataverse returns.
/// </summary>
public sealed class WebApiPagingCookieProbes
{
    [Fact]
    public async Task TheNextPage_StartsAfterThePreviousPagesLastRow_EvenWhenThoseRowsAreGone()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        foreach (var name in new[] { "A", "B", "C", "D", "E" })
        {
            host.Service.Create(new Entity("account") { ["name"] = name });
        }

        var first = await host.GetAsync("accounts?$select=name&$orderby=name", ("Prefer", "odata.maxpagesize=2"));
        Assert.Equal(["A", "B"], Names(first));
        foreach (var row in first.Json["value"]!.AsArray())
        {
            host.Service.Delete("account", Guid.Parse(row!["accountid"]!.GetValue<string>()));
        }

        var next = new Uri(first.Json["@odata.nextLink"]!.GetValue<string>());
        var second = await host.GetAsync(next.PathAndQuery[host.Server.ServiceRoot.AbsolutePath.Length..], ("Prefer", "odata.maxpagesize=2"));

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(["C", "D"], Names(second));
    }

    [Fact]
    public async Task TheSkipToken_HasDataversesShape_WithTheEncodedPagingCookieOfThePreviousPage()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var ids = new[] { "A", "B", "C" }.Select(name => host.Service.Create(new Entity("account") { ["name"] = name })).ToList();

        var first = await host.GetAsync("accounts?$select=name&$orderby=name", ("Prefer", "odata.maxpagesize=2"));

        var query = new Uri(first.Json["@odata.nextLink"]!.GetValue<string>()).Query;
        var token = Uri.UnescapeDataString(query[(query.IndexOf("$skiptoken=", StringComparison.Ordinal) + "$skiptoken=".Length)..]);
        Assert.StartsWith("<cookie pagenumber=\"2\" pagingcookie=\"", token, StringComparison.Ordinal);
        Assert.EndsWith("\" istracking=\"False\" />", token, StringComparison.Ordinal);
        var pagingCookie = Uri.UnescapeDataString(token.Split('"')[3]);
        Assert.StartsWith("<cookie page=\"1\">", pagingCookie, StringComparison.Ordinal);
        Assert.Contains($"last=\"{ids[1].ToString("B").ToUpperInvariant()}\"", pagingCookie, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Names(WebApiProbeHost.Answer answer) =>
        answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>());
}
