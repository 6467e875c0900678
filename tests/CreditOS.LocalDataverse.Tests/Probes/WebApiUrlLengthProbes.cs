using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "The length of a URL in a GET request is limited to 32 KB (32,768 characters)" (Use OData to retrieve data, "URL length
/// limitations"). The local host's web server refused any request line over 8 KB with 414, so a long $filter Dataverse serves failed
/// locally; a URL under 32 KB is now served, and a longer one is still refused.
/// </summary>
public sealed class WebApiUrlLengthProbes
{
    [Fact]
    public async Task AUrlOfTwentyThousandCharacters_IsServed_AndOneOverThirtyTwoKilobytes_IsNot()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "Contoso");

        var longFilter = string.Join(" or ", Enumerable.Range(0, 400).Select(index => $"name eq 'Account number {index:D8}'"));
        var served = await host.GetAsync($"accounts?$select=name&$filter={Uri.EscapeDataString(longFilter)}");
        var tooLong = await host.GetAsync($"accounts?$select=name&$filter={Uri.EscapeDataString(longFilter + longFilter)}");

        Assert.InRange(host.Http.BaseAddress!.AbsoluteUri.Length + Uri.EscapeDataString(longFilter).Length, 20_000, 32_768);
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.Status);
    }
}
