using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// If-None-Match on a row, beyond the create-only upsert (Web API round 12, session 20). "Perform conditional operations using the Web
/// API" (webapi/perform-conditional-operations-using-web-api): a GET "with the If-None-Match header … If the data hasn't changed, the
/// HTTP status code 304 Not Modified is returned", never with $expand or annotations. The header is HTTP's (RFC 7232 section 3.2,
/// which the page links): "*" is false for any existing row and a list of ETags is false when one matches; then a GET answers 304
/// ("If the value of the header is "*" … a 304 (Not Modified) response MUST be returned", MS-ODATA, the server rules for Retrieve
/// requests) and any other method is not performed, 412. The local host ignored "*" on a GET (200) and on a DELETE (the row was
/// deleted), a list naming the current ETag on a GET, an ETag on a PATCH or DELETE, and any condition on the PUT or DELETE of one
/// property. "If-None-Match: null", which Microsoft's examples send on every request, stays no condition.
/// </summary>
public sealed class WebApiIfNoneMatchProbes
{
    [Fact]
    public async Task AGetWithStar_OfAnExistingRow_Answers304WithoutABody()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var answer = await host.GetAsync($"accounts({id})?$select=name", ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.NotModified, answer.Status);
        Assert.Equal(string.Empty, answer.Text);
    }

    [Fact]
    public async Task AGetWithStar_OfAMissingRow_StillAnswers404()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var missing = Guid.NewGuid();

        var answer = await host.GetAsync($"accounts({missing})?$select=name", ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("0x80040217", answer.ErrorCode);
    }

    [Theory]
    [InlineData("$select=name&$expand=primarycontactid($select=fullname)", null)]
    [InlineData("$select=name", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"")]
    public async Task AGetWithStar_AndExpandOrAnnotations_Answers200(string options, string? prefer)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        (string, string)[] headers = prefer is null ? [("If-None-Match", "*")] : [("If-None-Match", "*"), ("Prefer", prefer)];

        var answer = await host.GetAsync($"accounts({id})?{options}", headers);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Contoso", answer.Json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task AGetWithAListOfETags_NamingTheCurrentOne_Answers304_AndWithoutIt200()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var etag = await ETagOf(host, id);

        var listed = await host.GetAsync($"accounts({id})?$select=name", ("If-None-Match", $"W/\"1\", {etag}"));
        var notListed = await host.GetAsync($"accounts({id})?$select=name", ("If-None-Match", "W/\"1\", W/\"2\""));

        Assert.Equal(HttpStatusCode.NotModified, listed.Status);
        Assert.Equal(HttpStatusCode.OK, notListed.Status);
        Assert.Equal(etag, notListed.Json["@odata.etag"]!.GetValue<string>());
    }

    [Fact]
    public async Task AGetOfASingleValuedNavigationProperty_WithStar_Answers304()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Smith" });
        host.Service.Update(new Entity("account", id) { ["primarycontactid"] = new EntityReference("contact", contact) });

        var answer = await host.GetAsync($"accounts({id})/primarycontactid?$select=lastname", ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.NotModified, answer.Status);
    }

    [Fact]
    public async Task ADeleteWithStar_OfAnExistingRow_Answers412_AndTheRowStays()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var answer = await host.SendAsync(HttpMethod.Delete, $"accounts({id})", null, ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, answer.Status);
        Assert.Contains("If-None-Match", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, host.Dataverse.Count("account"));
    }

    [Fact]
    public async Task ADeleteWithStar_OfAMissingRow_Answers404()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Delete, $"accounts({Guid.NewGuid()})", null, ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("0x80040217", answer.ErrorCode);
    }

    [Fact]
    public async Task ADeleteWithTheCurrentETag_Answers412_AndWithAStaleOneDeletes()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var stale = await ETagOf(host, id);
        host.Service.Update(new Entity("account", id) { ["name"] = "Changed" });
        var current = await ETagOf(host, id);

        var refused = await host.SendAsync(HttpMethod.Delete, $"accounts({id})", null, ("If-None-Match", current));
        var countAfterRefusal = host.Dataverse.Count("account");
        var deleted = await host.SendAsync(HttpMethod.Delete, $"accounts({id})", null, ("If-None-Match", stale));

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.Status);
        Assert.Equal(1, countAfterRefusal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(0, host.Dataverse.Count("account"));
    }

    [Fact]
    public async Task ADeleteByAlternateKey_WithStar_Answers412_AndTheRowStays()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "Keyed", "ACC-9");

        var answer = await host.SendAsync(HttpMethod.Delete, "accounts(accountnumber='ACC-9')", null, ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, answer.Status);
        Assert.Equal(1, host.Dataverse.Count("account"));
    }

    [Fact]
    public async Task APatchWithTheCurrentETag_Answers412_AndChangesNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var current = await ETagOf(host, id);

        var answer = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "Mine" }, ("If-None-Match", current));

        Assert.Equal(HttpStatusCode.PreconditionFailed, answer.Status);
        Assert.Equal("Contoso", host.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task APatchWithAStaleETag_Updates()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var stale = await ETagOf(host, id);
        host.Service.Update(new Entity("account", id) { ["name"] = "Changed" });

        var answer = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "Mine" }, ("If-None-Match", stale));

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal("Mine", host.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task APutOfOneProperty_WithStar_Answers412_AndTheValueStays()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var answer = await host.SendAsync(HttpMethod.Put, $"accounts({id})/name", new JsonObject { ["value"] = "Mine" }, ("If-None-Match", "*"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, answer.Status);
        Assert.Equal("Contoso", host.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task ADeleteOfOneProperty_WithTheCurrentETag_Answers412_AndTheValueStays()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        host.Service.Update(new Entity("account", id) { ["description"] = "Kept" });
        var current = await ETagOf(host, id);

        var answer = await host.SendAsync(HttpMethod.Delete, $"accounts({id})/description", null, ("If-None-Match", current));

        Assert.Equal(HttpStatusCode.PreconditionFailed, answer.Status);
        Assert.Equal("Kept", host.Service.Retrieve("account", id, new ColumnSet("description")).GetAttributeValue<string>("description"));
    }

    [Fact]
    public async Task ADeleteWithIfNoneMatchNull_AsInMicrosoftsExamples_Deletes()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var answer = await host.SendAsync(HttpMethod.Delete, $"accounts({id})", null, ("If-None-Match", "null"));

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal(0, host.Dataverse.Count("account"));
    }

    [Fact]
    public async Task InABatch_AGetWithStar_Answers304_AndADeleteWithStar412_InTheirParts()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);
        var root = host.Server.ServiceRoot.AbsoluteUri;
        var body = new StringBuilder()
            .Append(Part("GET", $"{root}accounts({id})?$select=name"))
            .Append(Part("DELETE", $"{root}accounts({id})"))
            .Append("--batch_probe--\r\n").ToString();

        var answer = await host.SendTextAsync(HttpMethod.Post, "$batch", body, "multipart/mixed; boundary=batch_probe", ("Prefer", "odata.continue-on-error"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("HTTP/1.1 304 Not Modified", answer.Text, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 412 Precondition Failed", answer.Text, StringComparison.Ordinal);
        Assert.Equal(1, host.Dataverse.Count("account"));
    }

    private static string Part(string method, string url) =>
        "--batch_probe\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        + $"{method} {url} HTTP/1.1\r\nIf-None-Match: *\r\n\r\n";

    private static async Task<string> ETagOf(WebApiProbeHost host, Guid id) =>
        (await host.GetAsync($"accounts({id})?$select=name")).Json["@odata.etag"]!.GetValue<string>();
}
