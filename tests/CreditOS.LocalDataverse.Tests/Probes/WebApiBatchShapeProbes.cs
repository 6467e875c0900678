using System.Net;
using System.Text;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// What a $batch may hold ("Execute batch operations using the Web API", learn.microsoft.com/power-apps/developer/data-platform/
/// webapi/execute-batch-operations-using-web-api): "Batch requests can contain up to 1,000 individual requests and can't contain
/// other batch requests"; and no read in a change set: "You can't include read operations (retrieve, retrieve multiple, and Web
/// API functions) as part of a change set; this is as per the OData v4 specifications" (Xrm.WebApi.online.executeMultiple). The
/// local host ran both (a GET in a change set answered rows; 1,001 creates created 1,001 rows); it refuses them now, before any
/// part runs.
/// </summary>
public sealed class WebApiBatchShapeProbes
{
    [Fact]
    public async Task AReadInAChangeSet_IsRefused_AndNothingOfTheBatchRuns()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var root = host.Server.ServiceRoot.AbsoluteUri;
        var body = new StringBuilder()
            .Append("--batch_probe\r\nContent-Type: multipart/mixed; boundary=changeset_probe\r\n\r\n")
            .Append(Part("1", "POST", root + "accounts", """{"name":"Written"}""", "changeset_probe"))
            .Append(Part("2", "GET", root + "accounts?$select=name", null, "changeset_probe"))
            .Append("--changeset_probe--\r\n--batch_probe--\r\n");

        var answer = await PostBatch(host, body.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("A change set cannot contain a read", answer.Text, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }

    [Fact]
    public async Task MoreThanAThousandRequests_AreRefused_AndAThousandRun()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var tooMany = await PostBatch(host, Creates(host, 1_001));
        var rowsAfterRefusal = host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities.Count;
        var aThousand = await PostBatch(host, Creates(host, 1_000));

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Contains("1001 requests", tooMany.Text, StringComparison.Ordinal);
        Assert.Equal(0, rowsAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, aThousand.Status);
        Assert.Equal(1_000, host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities.Count);
    }

    /// <summary>Round 12b (session 20): a part that is itself a $batch answered 404 "Resource not found" in its part, as if the endpoint did not exist.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABatchInsideABatch_IsRefused_AndNothingOfTheBatchRuns(bool inChangeSet)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var root = host.Server.ServiceRoot.AbsoluteUri;
        var boundary = inChangeSet ? "changeset_probe" : "batch_probe";
        var inner = Part(null, "POST", root + "accounts", """{"name":"Inner"}""", "batch_inner") + "--batch_inner--\r\n";
        var nested = new StringBuilder()
            .Append("--").Append(boundary).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
            .Append("POST ").Append(root).Append("$batch HTTP/1.1\r\nContent-Type: multipart/mixed; boundary=batch_inner\r\n\r\n")
            .Append(inner);
        var body = new StringBuilder();
        if (inChangeSet)
        {
            body.Append("--batch_probe\r\nContent-Type: multipart/mixed; boundary=changeset_probe\r\n\r\n");
        }

        body.Append(Part("1", "POST", root + "accounts", """{"name":"Outer"}""", boundary)).Append(nested);
        body.Append(inChangeSet ? "--changeset_probe--\r\n--batch_probe--\r\n" : "--batch_probe--\r\n");

        var answer = await PostBatch(host, body.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("cannot contain another batch request", answer.Text, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }

    private static string Creates(WebApiProbeHost host, int count)
    {
        var body = new StringBuilder();
        for (var index = 0; index < count; index++)
        {
            body.Append(Part(null, "POST", host.Server.ServiceRoot.AbsoluteUri + "accounts", $$"""{"name":"A{{index}}"}""", "batch_probe"));
        }

        return body.Append("--batch_probe--\r\n").ToString();
    }

    private static string Part(string? contentId, string method, string url, string? json, string boundary)
    {
        var part = new StringBuilder().Append("--").Append(boundary).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId is not null)
        {
            part.Append("Content-ID: ").Append(contentId).Append("\r\n");
        }

        part.Append("\r\n").Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n");
        return (json is null ? part.Append("\r\n") : part.Append("Content-Type: application/json; type=entry\r\n\r\n").Append(json).Append("\r\n")).ToString();
    }

    private static async Task<WebApiProbeHost.Answer> PostBatch(WebApiProbeHost host, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_probe");
        using var response = await host.Http.PostAsync(new Uri("$batch", UriKind.Relative), content);
        return new WebApiProbeHost.Answer(response.StatusCode, new Dictionary<string, string>(), await response.Content.ReadAsStringAsync());
    }
}
