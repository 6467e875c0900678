using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "Retrieve a table row using the Web API" (learn.microsoft.com/power-apps/developer/data-platform/webapi/
/// retrieve-entity-using-web-api): "If you request a money value, the _transactioncurrencyid_value lookup property will be
/// returned"; "Retrieve a single property value": GET accounts(…)/name answers {"@odata.context": "…/$metadata#accounts(…)/name",
/// "value": "Adventure Works (sample)"}. What the local host does not implement of a row's segments (navigation properties,
/// /$ref, /$value) is refused as not implemented (501).
/// </summary>
public sealed class WebApiPropertyProbes
{
    [Fact]
    public async Task SelectingAMoneyValue_AlsoReturnsTheCurrencyLookup()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var created = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "A. Datum", ["creditlimit"] = 10000 });

        var withMoney = await host.GetAsync($"accounts({created.EntityId})?$select=name,creditlimit");
        var withoutMoney = await host.GetAsync($"accounts({created.EntityId})?$select=name");

        Assert.Equal(host.Dataverse.BaseCurrencyId, withMoney.Json["_transactioncurrencyid_value"]!.GetValue<Guid>());
        Assert.Null(withoutMoney.Json["_transactioncurrencyid_value"]);
        Assert.False(withoutMoney.Json.AsObject().ContainsKey("_transactioncurrencyid_value"));
    }

    [Fact]
    public async Task ASinglePropertyValue_IsReturnedAlone()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Adventure Works (sample)");

        var answer = await host.GetAsync($"accounts({id})/name");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Adventure Works (sample)", answer.Json["value"]!.GetValue<string>());
        Assert.EndsWith($"$metadata#accounts({id:D})/name", answer.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parentaccountid")]
    [InlineData("parentaccountid/$ref")]
    [InlineData("account_parent_account/$count?$top=1")]
    public async Task ASegmentTheLocalHostDoesNotImplement_IsRefusedAsNotImplemented(string segment)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var answer = await host.GetAsync($"accounts({id})/{segment}");

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
    }
}
