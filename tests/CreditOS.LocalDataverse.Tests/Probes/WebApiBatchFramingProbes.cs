using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The $batch body's framing ("Execute batch operations using the Web API"): "The end of the batch request must contain a
/// termination indicator like the following example: --batch_&lt;unique identifier&gt;--", and "The end of the change set must
/// contain a termination indicator". Without it the local host answered an empty 500; it answers 400 and runs nothing (our wording).
/// A body ending right after the indicator, without CRLF, is served: RFC 2046, whose multipart format OData's batch follows, makes
/// what follows the close delimiter an optional epilogue.
/// </summary>
public sealed class WebApiBatchFramingProbes
{
    private const string Boundary = "batch_AAA123";
    private const string ChangeSet = "changeset_BBB456";

    [Fact]
    public async Task ABatchWithoutItsTerminationIndicator_Answers400_AndRunsNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var body = $"--{Boundary}\r\n{PartHeaders}\r\nPOST accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{{\"name\":\"Unterminated\"}}\r\n";

        var (status, text) = await PostBatchAsync(host, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("termination indicator", text, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public async Task AChangeSetWithoutItsTerminationIndicator_Answers400_AndRunsNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var body = $"--{Boundary}\r\nContent-Type: multipart/mixed; boundary={ChangeSet}\r\n\r\n--{ChangeSet}\r\n{PartHeaders}Content-ID: 1\r\n\r\n"
            + $"POST accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{{\"name\":\"Unterminated\"}}\r\n--{Boundary}--\r\n";

        var (status, text) = await PostBatchAsync(host, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("termination indicator", text, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public async Task ABatchEndingRightAfterItsTerminationIndicator_IsServed()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var body = $"--{Boundary}\r\n{PartHeaders}\r\nPOST accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{{\"name\":\"Terminated\"}}\r\n--{Boundary}--";

        var (status, _) = await PostBatchAsync(host, body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    private const string PartHeaders = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n";

    private static async Task<(HttpStatusCode Status, string Text)> PostBatchAsync(WebApiProbeHost host, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("$batch", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={Boundary}");
        using var response = await host.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
