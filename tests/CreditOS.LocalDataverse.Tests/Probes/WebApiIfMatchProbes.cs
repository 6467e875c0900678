using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 12b (session 20): If-Match beyond a PATCH or DELETE with one ETag. "Perform conditional operations using the Web API" sends the
/// header to RFC 7232 section 3.1 ("Use If-Match … to check whether the current version of a resource matches the one last retrieved"):
/// "*" is true for an existing row, a list of ETags is true when one is the row's, and when it is false "the origin server MUST NOT
/// perform the requested method" (412). MS-ODATA allows If-Match on a GET of one entity or of one of its properties. The local host
/// ignored it on a GET (200 whatever the ETag) and on a POST (the row was created), and refused any list with 400 "is not an ETag".
/// Where neither Dataverse nor MS-ODATA settles the meaning (a POST, a collection) it now answers 501, never ignores it.
/// </summary>
public sealed class WebApiIfMatchProbes
{
    [Fact]
    public async Task AGet_WithTheCurrentETagOrStar_Answers200()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var etag = await ETagOf(host, id);

        var current = await host.GetAsync($"accounts({id})?$select=name", ("If-Match", etag));
        var any = await host.GetAsync($"accounts({id})?$select=name", ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.Equal("Contoso", current.Json["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, any.Status);
    }

    [Fact]
    public async Task AGet_WithAStaleETag_Answers412()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var stale = await ETagOf(host, id);
        host.Service.Update(new Microsoft.Xrm.Sdk.Entity("account", id) { ["name"] = "Contoso Ltd" });

        var answer = await host.GetAsync($"accounts({id})?$select=name", ("If-Match", stale));

        Assert.Equal(HttpStatusCode.PreconditionFailed, answer.Status);
        Assert.Equal(string.Empty, answer.ErrorCode);
        Assert.Contains(stale, answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGet_WithAList_Answers200WhenItNamesTheCurrentETag_Else412()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var etag = await ETagOf(host, id);

        var listed = await host.GetAsync($"accounts({id})?$select=name", ("If-Match", $"W/\"1\", {etag}"));
        var notListed = await host.GetAsync($"accounts({id})?$select=name", ("If-Match", "W/\"1\", W/\"2\""));

        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, notListed.Status);
    }

    [Fact]
    public async Task AGetOfAProperty_WithAStaleETag_Answers412_AndWithTheCurrentOne200()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var etag = await ETagOf(host, id);

        var current = await host.GetAsync($"accounts({id})/name", ("If-Match", etag));
        var stale = await host.GetAsync($"accounts({id})/name", ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.Equal("Contoso", current.Json["value"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
    }

    [Fact]
    public async Task AGetOfAMissingRow_WithStar_StillAnswers404()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync($"accounts({Guid.NewGuid()})?$select=name", ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("0x80040217", answer.ErrorCode);
    }

    [Fact]
    public async Task APatch_WithAListNamingTheCurrentETag_Updates_AndWithoutIt412()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var etag = await ETagOf(host, id);

        var refused = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "Theirs" }, ("If-Match", "W/\"1\", W/\"2\""));
        var accepted = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "Mine" }, ("If-Match", $"W/\"1\", {etag}"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.Status);
        Assert.Equal("0x80060882", refused.ErrorCode);
        Assert.Equal(HttpStatusCode.NoContent, accepted.Status);
        Assert.Equal("Mine", host.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task ADelete_WithAListNamingTheCurrentETag_Deletes()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var etag = await ETagOf(host, id);

        var answer = await host.SendAsync(HttpMethod.Delete, $"accounts({id})", null, ("If-Match", $"{etag}, W/\"1\""));

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public async Task APost_WithIfMatch_Answers501_AndCreatesNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso" }, ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Contains("If-Match", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public async Task AGetOfACollection_WithIfMatch_Answers501()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync("accounts?$select=name", ("If-Match", "W/\"1\""));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
    }

    [Fact]
    public async Task AGet_WithIfMatchNull_IsNoCondition()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var answer = await host.GetAsync($"accounts({id})?$select=name", ("If-Match", "null"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    private static async Task<string> ETagOf(WebApiProbeHost host, Guid id) =>
        (await host.GetAsync($"accounts({id})?$select=name")).Json["@odata.etag"]!.GetValue<string>();
}
