using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 10 (session 18). A $batch must be sent as multipart/mixed with a boundary (Execute batch operations using the Web API,
/// "Batch requests"); the OData batch handler refuses anything else with 400 and fixed messages (DefaultODataBatchHandler.ValidateRequest,
/// OData/WebApi). The local host answered an empty 500 for each of them.
/// </summary>
public sealed class WebApiBatchContentTypeProbes
{
    private const string Part = "--batch_ct\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nPOST accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"name\":\"Batched\"}\r\n--batch_ct--\r\n";

    [Theory]
    [InlineData(null, "The batch request must have a \"Content-Type\" header.")]
    [InlineData("application/json", "The batch request of media type 'application/json' is not supported.")]
    [InlineData("multipart/mixed", "The batch request must have a boundary specification in the \"Content-Type\" header.")]
    public async Task ABatchNotSentAsMultipartMixedWithABoundary_Answers400_AndRunsNothing(string? contentType, string message)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.PostBatchAsync(Part, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(string.Empty, answer.ErrorCode);
        Assert.Equal(message, answer.ErrorMessage);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public async Task TheSameBatch_SentAsMultipartMixedWithItsBoundary_Runs()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.PostBatchAsync(Part, "multipart/mixed; boundary=batch_ct");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Single(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }
}
