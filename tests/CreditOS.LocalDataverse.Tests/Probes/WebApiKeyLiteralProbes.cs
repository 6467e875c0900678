using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// An alternate key's values in the URL are OData literals of the key columns' types: text quoted, "GET accounts(accountnumber=
/// 'ABC123')" (Use an alternate key to reference a record, learn.microsoft.com/power-apps/developer/data-platform/use-alternate-key-
/// reference-record), numbers and choices bare (OData URL conventions, key predicates). The local host unquoted everything and
/// converted it, so an unquoted text value and a quoted choice value addressed rows; both are refused now (400 0x80060888).
/// </summary>
public sealed class WebApiKeyLiteralProbes
{
    [Fact]
    public async Task AnUnquotedTextKeyValue_IsRefused_AndTheQuotedOneAddressesTheRow()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "Contoso", "ACC1");

        var unquoted = await host.GetAsync("accounts(accountnumber=ACC1)?$select=name");
        var quoted = await host.GetAsync("accounts(accountnumber='ACC1')?$select=name");

        Assert.Equal(HttpStatusCode.BadRequest, unquoted.Status);
        Assert.Equal("0x80060888", unquoted.ErrorCode);
        Assert.Contains("quote text key values", unquoted.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, quoted.Status);
        Assert.Equal("Contoso", quoted.Json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task AQuotedChoiceKeyValue_IsRefused_AndTheBareOneAddressesTheRow()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        host.Service.Create(new Entity("salesorder")
        {
            ["name"] = "W-1", ["customerid"] = new EntityReference("account", account),
            ["cos_channel"] = new OptionSetValue(412500001), ["cos_channelorderref"] = "W-1",
        });

        var quoted = await host.GetAsync("salesorders(cos_channel='412500001',cos_channelorderref='W-1')?$select=name");
        var bare = await host.GetAsync("salesorders(cos_channel=412500001,cos_channelorderref='W-1')?$select=name");

        Assert.Equal(HttpStatusCode.BadRequest, quoted.Status);
        Assert.Equal("0x80060888", quoted.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, bare.Status);
        Assert.Equal("W-1", bare.Json["name"]!.GetValue<string>());
    }
}
