using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 10 (session 18). The odata.maxpagesize preference's value is a positive integer (OData Version 4.0 Part 1: Protocol,
/// 8.2.8.3); the local host ignored 0, a negative or a word and answered every row in one page, so a client that computed a page size
/// of 0 never saw it. It is refused with 400 (our wording; Microsoft publishes none). A size over 5,000 is ignored, as "Page results
/// using OData" documents (see <c>WebApiQueryParameterProbes</c>); with $top beside it, which Dataverse's answer is not documented, 501.
/// </summary>
public sealed class WebApiPageSizePreferenceProbes
{
    [Theory]
    [InlineData("odata.maxpagesize=0", "0")]
    [InlineData("odata.maxpagesize=-1", "-1")]
    [InlineData("odata.maxpagesize=ten", "ten")]
    [InlineData("odata.maxpagesize=", "")]
    [InlineData("odata.include-annotations=\"*\",odata.maxpagesize=0", "0")]
    public async Task APageSizeThatIsNotAPositiveInteger_Answers400_NamingIt(string prefer, string value)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "A");
        SolutionRows.Account(host.Service, "B");

        var answer = await host.GetAsync("accounts?$select=name", ("Prefer", prefer));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80060888", answer.ErrorCode);
        Assert.Contains($"odata.maxpagesize value '{value}' is not valid", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageSizeOfOne_PagesByOne_AndTheNameIsReadWhateverItsCase()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "A");
        SolutionRows.Account(host.Service, "B");

        var answer = await host.GetAsync("accounts?$select=name", ("Prefer", "OData.MaxPageSize=1"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Single(answer.Json["value"]!.AsArray());
        Assert.NotNull(answer.Json["@odata.nextLink"]);
        Assert.Equal("odata.maxpagesize=1", answer.Headers["Preference-Applied"]);
    }

    [Fact]
    public async Task TopBesideAnIgnoredPageSize_IsRefusedAsNotImplemented()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync("accounts?$select=name&$top=1", ("Prefer", "odata.maxpagesize=6000"));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Contains("$top", answer.ErrorMessage, StringComparison.Ordinal);
    }
}
