using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 9: "$filter=" and "$orderby=" with nothing after them are not expressions; the OData library's expression parser refuses
/// them ("Expression expected at position 0 in ''.", code 0x0 as its other URI errors, Troubleshoot Dataverse Web API client errors). The
/// local host answered every row, as if no filter had been asked, so a client that built an empty filter by mistake read the whole table.
/// </summary>
public sealed class WebApiEmptyOptionProbes
{
    [Theory]
    [InlineData("accounts?$select=name&$filter=")]
    [InlineData("accounts?$select=name&$orderby=")]
    public async Task AnEmptyFilterOrOrderBy_Answers400_0x0(string url)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "Contoso" });

        var answer = await host.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x0", answer.ErrorCode);
        Assert.Equal("Expression expected at position 0 in ''.", answer.ErrorMessage);
    }
}
