using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 9: the OData library's URI parser refuses a system query option given twice, "Query option '$select' was specified more
/// than once, but it must be specified at most once.", with code 0x0 as its other URI errors (Troubleshoot Dataverse Web API client
/// errors: "Could not find a property named …" is 0x0). The local host read the last one, so "$filter=name eq 'A'&amp;$filter=name eq 'B'"
/// answered the B rows where Dataverse answers 400.
/// </summary>
public sealed class WebApiRepeatedOptionProbes
{
    [Theory]
    [InlineData("accounts?$select=name&$filter=name eq 'A'&$filter=name eq 'B'", "$filter")]
    [InlineData("accounts?$select=name&$select=accountnumber", "$select")]
    [InlineData("accounts?$select=name&$top=1&$top=2", "$top")]
    public async Task ASystemQueryOptionGivenTwice_Answers400_0x0(string url, string option)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "B" });

        var answer = await host.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x0", answer.ErrorCode);
        Assert.Equal($"Query option '{option}' was specified more than once, but it must be specified at most once.", answer.ErrorMessage);
    }

    [Fact]
    public async Task EachOptionOnce_IsAnswered()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "B" });

        var answer = await host.GetAsync("accounts?$select=name&$filter=name eq 'B'&$top=1");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Single(answer.Json["value"]!.AsArray());
    }

    /// <summary>
    /// "$expand=primarycontactid()": the OData library's parser refuses empty parentheses after an expanded navigation property (code
    /// 0x0); the local host expanded it with every column.
    /// </summary>
    [Fact]
    public async Task EmptyParenthesesAfterAnExpandedProperty_Answer400_0x0()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "B" });

        var answer = await host.GetAsync("accounts?$select=name&$expand=primarycontactid()");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x0", answer.ErrorCode);
        Assert.Equal("Missing expand option on navigation property 'primarycontactid'. If a parenthesis expression follows an expanded navigation property, then at least one expand option must be provided.", answer.ErrorMessage);
    }
}
