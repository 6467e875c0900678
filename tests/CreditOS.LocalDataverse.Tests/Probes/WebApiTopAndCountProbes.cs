using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// $top, paging and counting as Microsoft documents them. "Page results using OData" (webapi/query/page-results): "Don't use
/// $top with the Prefer: odata.maxpagesize request header. If you include both, $top is ignored"; $top alone returns just the
/// first rows. "Count rows using OData" (webapi/query/count-rows): "To get just a number that represents the count of a
/// collection, append /$count", answered as text/plain.
/// </summary>
public sealed class WebApiTopAndCountProbes
{
    [Fact]
    public async Task TopWithMaxPageSize_IgnoresTop_AndPagesByThePageSize()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        for (var index = 0; index < 5; index++)
        {
            SolutionRows.Account(host.Service, $"Account {index}");
        }

        var smallerTop = await host.GetAsync("accounts?$select=name&$orderby=name&$top=2", ("Prefer", "odata.maxpagesize=3"));
        var largerTop = await host.GetAsync("accounts?$select=name&$orderby=name&$top=4", ("Prefer", "odata.maxpagesize=3"));

        Assert.Equal(HttpStatusCode.OK, smallerTop.Status);
        Assert.Equal(3, smallerTop.Json["value"]!.AsArray().Count);
        Assert.NotNull(smallerTop.Json["@odata.nextLink"]);
        Assert.Equal(HttpStatusCode.OK, largerTop.Status);
        Assert.Equal(3, largerTop.Json["value"]!.AsArray().Count);
        var next = largerTop.Json["@odata.nextLink"]!.GetValue<string>().Replace(host.Server.ServiceRoot.AbsoluteUri, string.Empty, StringComparison.Ordinal);
        var secondPage = await host.GetAsync(next, ("Prefer", "odata.maxpagesize=3"));
        Assert.Equal(["Account 3", "Account 4"], secondPage.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).ToArray());
        Assert.Null(secondPage.Json["@odata.nextLink"]);
    }

    [Fact]
    public async Task TopAlone_ReturnsTheFirstRows_WithoutANextLink()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        for (var index = 0; index < 5; index++)
        {
            SolutionRows.Account(host.Service, $"Account {index}");
        }

        var answer = await host.GetAsync("accounts?$select=name&$orderby=name&$top=3");

        Assert.Equal(["Account 0", "Account 1", "Account 2"], answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).ToArray());
        Assert.Null(answer.Json["@odata.nextLink"]);
    }

    [Fact]
    public async Task CountSegment_AnswersTheNumberAsPlainText()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        for (var index = 0; index < 4; index++)
        {
            SolutionRows.Account(host.Service, $"Account {index}");
        }

        var answer = await host.GetAsync("accounts/$count");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.StartsWith("text/plain", answer.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("4", answer.Text.Trim());
    }

    /// <summary>
    /// $top=0 was refused with "The $top query option requires a non-negative integer value", which 0 is (session 13). Dataverse's
    /// answer is not documented, so it is refused as not implemented (501); a negative or non-numeric $top keeps the OData wording.
    /// </summary>
    [Theory]
    [InlineData("0", HttpStatusCode.NotImplemented, "0x80040216")]
    [InlineData("-1", HttpStatusCode.BadRequest, "0x80060888")]
    [InlineData("x", HttpStatusCode.BadRequest, "0x80060888")]
    public async Task TopZero_IsNotImplemented_AndANegativeTopIsRefused(string top, HttpStatusCode status, string code)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync($"accounts?$select=name&$top={top}");

        Assert.Equal(status, answer.Status);
        Assert.Equal(code, answer.ErrorCode);
    }
}
