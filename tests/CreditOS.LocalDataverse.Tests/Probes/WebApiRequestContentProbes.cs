using System.Net;
using System.Text;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 10 (session 18). "The Web API only supports JSON … Every request that includes JSON data in the request body must
/// include a Content-Type header with a value of application/json" (Compose HTTP requests and handle errors, "HTTP headers"): the local
/// host read any body as JSON whatever its Content-Type (text/plain, none), so a client that forgot the header passed locally. It now
/// answers 415 with the ASP.NET stack's "The request entity's media type '…' is not supported for this resource." (empty code, as
/// Dataverse's routing errors) and writes nothing. An empty body on a create or an update created or updated a row with no columns, as
/// "{}" does; it is now the payload error 0x80048d19 the OData library's reader gives a body without an entry.
/// </summary>
public sealed class WebApiRequestContentProbes
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task ACreateWhoseBodyIsNotSentAsJson_Answers415_AndCreatesNothing(string? mediaType)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendTextAsync(HttpMethod.Post, "accounts", "{\"name\":\"Not JSON by its header\"}", mediaType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        Assert.Equal(string.Empty, answer.ErrorCode);
        Assert.Equal($"The request entity's media type '{mediaType ?? "application/octet-stream"}' is not supported for this resource.", answer.ErrorMessage);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; type=entry")]
    [InlineData("application/json; odata.metadata=minimal")]
    public async Task ACreateSentAsJson_WithParameters_IsRead(string contentType)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendTextAsync(HttpMethod.Post, "accounts", "{\"name\":\"Contoso\"}", contentType);

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal("Contoso", Assert.Single(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities)["name"]);
    }

    [Fact]
    public async Task AnUpdateWhoseBodyIsTextPlain_Answers415_AndChangesNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Before");

        var answer = await host.SendTextAsync(HttpMethod.Patch, $"accounts({id})", "{\"name\":\"After\"}", "text/plain", ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        Assert.Equal("Before", host.Service.Retrieve("account", id, new ColumnSet("name"))["name"]);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task AnEmptyBody_OnACreateOrAnUpdate_IsThePayloadError_AndWritesNothing(string method)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Before");

        var answer = await host.SendTextAsync(new HttpMethod(method), method == "POST" ? "accounts" : $"accounts({id})", string.Empty, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80048d19", answer.ErrorCode);
        Assert.StartsWith("Error identified in Payload provided by the user for Entity :'accounts'", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'EndOfInput'", answer.ErrorMessage, StringComparison.Ordinal);
        var rows = host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities;
        Assert.Equal("Before", Assert.Single(rows)["name"]);
    }

    [Fact]
    public async Task APartOfABatch_WithABodyButNoJsonContentType_Answers415_InItsPart()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var root = host.Server.ServiceRoot.AbsoluteUri;
        var body = new StringBuilder()
            .Append("--batch_r10\r\nContent-Type: multipart/mixed; boundary=changeset_r10\r\n\r\n")
            .Append("--changeset_r10\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n")
            .Append($"POST {root}accounts HTTP/1.1\r\n\r\n{{\"name\":\"No content type\"}}\r\n")
            .Append("--changeset_r10--\r\n--batch_r10--\r\n")
            .ToString();

        var text = (await host.PostBatchAsync(body, "multipart/mixed; boundary=batch_r10")).Text;

        Assert.Contains("HTTP/1.1 415", text, StringComparison.Ordinal);
        // The part's JSON writes the apostrophes as \u0027.
        Assert.Contains("media type \\u0027application/octet-stream\\u0027 is not supported for this resource.", text, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }
}
