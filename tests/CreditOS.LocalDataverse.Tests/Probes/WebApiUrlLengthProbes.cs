using System.Net;
using System.Text;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "The maximum length of URL accepted … is 32 KB (32,768 characters) … inside the body of a $batch request, you can send requests with
/// URLs up to 64 KB (65,536 characters)"; past it Dataverse answers 400 with code 0x80060888 and "Invalid URI: The Uri string is too
/// long." (Compose HTTP requests and handle errors, "Maximum URL length"). The local host's web server refused any request line over
/// 8 KB with 414 (session 11), then over 32 KB still with 414 rather than Dataverse's 400 (Web API round 10, session 18). "The maximum
/// length of an individual segment of an OData request must be 260 characters or less … a 400 Bad Request - Invalid URL" (same page,
/// "Maximum OData segment length"): a longer segment was served.
/// </summary>
public sealed class WebApiUrlLengthProbes
{
    [Fact]
    public async Task AUrlOfTwentyThousandCharacters_IsServed_AndOneOverThirtyTwoKilobytes_Answers400_0x80060888()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "Contoso");

        var longFilter = string.Join(" or ", Enumerable.Range(0, 400).Select(index => $"name eq 'Account number {index:D8}'"));
        var served = await host.GetAsync($"accounts?$select=name&$filter={Uri.EscapeDataString(longFilter)}");
        var tooLong = await host.GetAsync($"accounts?$select=name&$filter={Uri.EscapeDataString(longFilter + longFilter)}");

        Assert.InRange(host.Http.BaseAddress!.AbsoluteUri.Length + Uri.EscapeDataString(longFilter).Length, 20_000, 32_768);
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal("0x80060888", tooLong.ErrorCode);
        Assert.Equal("Invalid URI: The Uri string is too long.", tooLong.ErrorMessage);
    }

    [Fact]
    public async Task APathSegmentOverTwoHundredSixtyCharacters_Answers400InvalidUrl_AndOneOfTwoHundredSixtyIsServed()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        const string Prefix = "accounts(accountnumber='";
        var atLimit = Prefix + new string('A', 260 - Prefix.Length - 2) + "')";
        var overLimit = Prefix + new string('A', 261 - Prefix.Length - 2) + "')";

        var served = await host.GetAsync(atLimit + "?$select=name");
        var refused = await host.GetAsync(overLimit + "?$select=name");

        Assert.Equal(260, atLimit.Length);
        Assert.Equal(HttpStatusCode.NotFound, served.Status);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Bad Request - Invalid URL", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchPartsUrl_MayBeLongerThanThirtyTwoKilobytes_ButNotThanSixtyFour()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "Contoso");
        // Few conditions (the query engine's condition limit is not what is probed), each with a long value.
        static string Filter(int conditions) => Uri.EscapeDataString(string.Join(" or ", Enumerable.Range(0, conditions).Select(index => $"name eq '{index:D4}{new string('x', 296)}'")));
        var forty = Filter(130);
        var seventy = Filter(230);

        var served = await BatchGetAsync(host, $"accounts?$select=name&$filter={forty}");
        var refused = await BatchGetAsync(host, $"accounts?$select=name&$filter={seventy}");

        Assert.InRange(forty.Length, 32_768, 65_536);
        Assert.Contains("HTTP/1.1 200", served, StringComparison.Ordinal);
        Assert.True(seventy.Length > 65_536);
        Assert.Contains("HTTP/1.1 400", refused, StringComparison.Ordinal);
        Assert.Contains("Invalid URI: The Uri string is too long.", refused, StringComparison.Ordinal);
    }

    private static async Task<string> BatchGetAsync(WebApiProbeHost host, string relativeUrl)
    {
        var body = new StringBuilder()
            .Append("--batch_url\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
            .Append($"GET {host.Server.ServiceRoot.AbsoluteUri}{relativeUrl} HTTP/1.1\r\nAccept: application/json\r\n\r\n")
            .Append("--batch_url--\r\n")
            .ToString();
        return (await host.PostBatchAsync(body, "multipart/mixed; boundary=batch_url")).Text;
    }
}
