using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 24 (session 32): If-None-Match where Dataverse does not say what it means. "Perform conditional operations using the Web API"
/// (learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api) documents If-None-Match
/// for a conditional retrieval of one row ("Conditional retrievals") and, with "*", for an upsert that must not update ("Prevent update
/// in upsert", a PATCH); RFC 7232 section 3.2 makes "*" false whenever the target resource exists, and the target of a POST is the
/// entity set, which always exists. The local host ignored the header on a POST (the row was created, 204) and on a GET of a collection
/// (200) and on a GET of one property (its value, where a row answers 304): answers that only look right. Like If-Match there (<c>WebApiIfMatchProbes</c>), it now answers 501 and does nothing;
/// "If-None-Match: null", which Microsoft's examples send on every request ("Compose HTTP requests and handle errors"), names no
/// ETag and stays no condition.
/// </summary>
public sealed class WebApiIfNoneMatchPlacementProbes
{
    [Theory]
    [InlineData("*")]
    [InlineData("W/\"1\"")]
    public async Task APost_WithAnIfNoneMatchCondition_Answers501_AndCreatesNothing(string condition)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Northwind" }, ("If-None-Match", condition));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains("If-None-Match on POST", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }

    [Fact]
    public async Task AGetOfACollection_WithAnIfNoneMatchCondition_Answers501()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var star = await host.GetAsync("accounts?$select=name", ("If-None-Match", "*"));
        var tag = await host.GetAsync("accounts?$select=name", ("If-None-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.NotImplemented, star.Status);
        Assert.Equal(HttpStatusCode.NotImplemented, tag.Status);
        Assert.Contains("If-None-Match on GET", tag.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGetOfOneProperty_WithTheRowsCurrentETag_Answers501_NotItsValue()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var etag = (await host.GetAsync($"accounts({id})?$select=name")).Json["@odata.etag"]!.GetValue<string>();

        var answer = await host.GetAsync($"accounts({id})/name", ("If-None-Match", etag));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
    }

    [Fact]
    public async Task Control_IfNoneMatchNull_OnAPostAndACollection_IsNoCondition()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var created = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Northwind" }, ("If-None-Match", "null"));
        var listed = await host.GetAsync("accounts?$select=name", ("If-None-Match", "null"));

        Assert.Equal(HttpStatusCode.NoContent, created.Status);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal("Northwind", listed.Json["value"]![0]!["name"]!.GetValue<string>());
    }
}
