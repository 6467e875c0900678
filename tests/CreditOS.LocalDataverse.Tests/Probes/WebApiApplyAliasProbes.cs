using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 22 (session 30): an $apply alias that is also a property of the entity type. The OData Data Aggregation extension says an
/// alias must not collide with a declared property; the OData library Dataverse parses $apply with does not check it (odata.net
/// ApplyBinder), and what Dataverse answers then is not published (round 21 left it). The local host answered the sum under the
/// column's name, an answer a client could take for the column; it is now refused as not implemented (501). Aliases that are no
/// property (Microsoft's own "total", "count", "averagevalue") are answered as before.
/// </summary>
public sealed class WebApiApplyAliasProbes
{
    [Theory]
    [InlineData("aggregate(creditlimit with sum as name)", "name")]
    [InlineData("aggregate($count as creditlimit)", "creditlimit")]
    [InlineData("groupby((statuscode),aggregate(creditlimit with max as _parentaccountid_value))", "_parentaccountid_value")]
    public async Task AnAliasThatIsAPropertyName_IsNotImplemented(string apply, string alias)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "A", ["creditlimit"] = new Money(100m) });

        var answer = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString(apply));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains($"the $apply alias '{alias}', which is also a property of 'account'", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAliasThatIsNoProperty_IsAnswered()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "A", ["creditlimit"] = new Money(100m) });
        host.Service.Create(new Entity("account") { ["name"] = "B", ["creditlimit"] = new Money(250m) });

        var answer = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString("aggregate(creditlimit with sum as total,$count as count)"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(350m, answer.Json["value"]![0]!["total"]!.GetValue<decimal>());
        Assert.Equal(2, answer.Json["value"]![0]!["count"]!.GetValue<int>());
    }
}
