using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 11 (session 19): two operations of one change set with the same Content-ID. The OData library's batch reader
/// refuses the batch before any operation runs: "The content ID '1' was found more than once in the same change set or same batch
/// request. Content IDs have to be unique across all operations of a change set for OData V4.0 …" (ODataBatchReader_
/// DuplicateContentIDsNotAllowed, OData/odata.net 7.x); Content-IDs are what "$1" references name (Execute batch operations using the
/// Web API, "Reference URIs in URL and request body"). The local host ran both creates and answered 200.
/// </summary>
public sealed class WebApiDuplicateContentIdProbes
{
    [Fact]
    public async Task TwoOperationsWithOneContentId_AreRefusedBeforeAnyRuns()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var root = host.Server.ServiceRoot.AbsoluteUri;
        var body = "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n"
            + Operation(root, "1", "First") + Operation(root, "1", "Second")
            + "--c--\r\n--b--\r\n";

        var answer = await host.SendTextAsync(HttpMethod.Post, "$batch", body, "multipart/mixed; boundary=b");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x0", answer.ErrorCode);
        Assert.StartsWith("The content ID '1' was found more than once in the same change set or same batch request.", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    /// <summary>Control: the same Content-ID in two change sets is allowed in OData 4.0 (unique per change set).</summary>
    [Fact]
    public async Task OneContentIdInTwoChangeSets_Runs()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var root = host.Server.ServiceRoot.AbsoluteUri;
        var body = "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n" + Operation(root, "1", "First") + "--c--\r\n"
            + "--b\r\nContent-Type: multipart/mixed; boundary=d\r\n\r\n" + Operation(root, "1", "Second").Replace("--c", "--d", StringComparison.Ordinal) + "--d--\r\n--b--\r\n";

        var answer = await host.SendTextAsync(HttpMethod.Post, "$batch", body, "multipart/mixed; boundary=b");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(2, host.Service.RetrieveMultiple(new QueryExpression("account")).Entities.Count);
    }

    private static string Operation(string root, string contentId, string name) =>
        "--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: " + contentId + "\r\n\r\n"
        + "POST " + root + "accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"name\":\"" + name + "\"}\r\n";
}
