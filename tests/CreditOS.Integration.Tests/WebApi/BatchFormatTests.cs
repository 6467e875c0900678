using CreditOS.Integration.Worker.Dataverse;

namespace CreditOS.Integration.Tests.WebApi;

public sealed class BatchFormatTests
{
    [Fact]
    public void ResponseParser_ReadsSucceededAndFailedChangeSetsInOrder()
    {
        const string body =
            "--batchresponse_1\r\n" +
            "Content-Type: multipart/mixed; boundary=changesetresponse_a\r\n\r\n" +
            "--changesetresponse_a\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n" +
            "HTTP/1.1 204 No Content\r\nOData-EntityId: https://org/api/data/v9.2/cos_payments(1)\r\n\r\n" +
            "--changesetresponse_a--\r\n" +
            "--batchresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n" +
            "{\"error\":{\"code\":\"0x80040265\",\"message\":\"Credit limit exceeded.\"}}\r\n" +
            "--batchresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\n\r\n" +
            "--batchresponse_1--\r\n";

        var results = BatchResponseParser.Parse(body, "multipart/mixed; boundary=batchresponse_1", 3);

        Assert.Equal([204, 400, 429], results.Select(result => result.StatusCode));
        Assert.True(results[0].Succeeded);
        Assert.Equal(("0x80040265", "Credit limit exceeded."), (results[1].ErrorCode, results[1].ErrorMessage));
        Assert.False(results[1].IsTransient);
        Assert.True(results[2].IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), results[2].RetryAfter);
    }

    [Fact]
    public void ResponseParser_StoppedBatch_MarksUnansweredOperationsAsNotAttempted()
    {
        const string body =
            "--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 503 Service Unavailable\r\n\r\n--b--\r\n";

        var results = BatchResponseParser.Parse(body, "multipart/mixed; boundary=b", 3);

        Assert.Equal(3, results.Count);
        Assert.All(results, result => Assert.True(result.IsTransient));
    }

    [Fact]
    public void ODataKey_DoublesQuotesAndEscapesForThePath()
    {
        Assert.Equal(
            "salesorders(cos_channel=412500001,cos_channelorderref='O%27%27Brien%201')",
            ODataKey.For("salesorders", ("cos_channel", ODataKey.Number(412_500_001)), ("cos_channelorderref", ODataKey.Text("O'Brien 1"))));
    }

    [Theory]
    [InlineData("A/1")]
    [InlineData("A#1")]
    [InlineData("A<1")]
    [InlineData("A>1")]
    [InlineData("A*1")]
    [InlineData("A%1")]
    [InlineData("A&1")]
    [InlineData("A:1")]
    [InlineData("A\\1")]
    [InlineData("A?1")]
    [InlineData("A+1")]
    public void ODataKey_RefusesEveryCharacterDataverseCannotResolveInAKey(string value)
    {
        Assert.NotNull(ODataKey.ReservedCharacter(value));
        Assert.Throws<ArgumentException>(() => ODataKey.Text(value));
    }

    [Fact]
    public void ResponseParser_ReadsAFailedChangeSetNestedAsDataverseAnswersIt()
    {
        const string body =
            "--batchresponse_1\r\n" +
            "Content-Type: multipart/mixed; boundary=changesetresponse_a\r\n\r\n" +
            "--changesetresponse_a\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n" +
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n" +
            "{\"error\":{\"code\":\"0x80060888\",\"message\":\"An undeclared property.\"}}\r\n" +
            "--changesetresponse_a--\r\n" +
            "--batchresponse_1--\r\n";

        var result = Assert.Single(BatchResponseParser.Parse(body, "multipart/mixed; boundary=batchresponse_1", 1));

        Assert.Equal((400, "0x80060888"), (result.StatusCode, result.ErrorCode));
        Assert.False(result.ShouldAbandon);
    }
}
