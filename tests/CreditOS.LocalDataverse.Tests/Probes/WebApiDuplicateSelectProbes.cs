using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 11 (session 19): a property selected twice without options. The OData library keeps one select item ("two items
/// without options are identical -- for backward compat just ignore the new one", SelectExpandBinder, OData/odata.net 7.x), so the
/// context URL names it once, as "$metadata#accounts(name)" (Retrieve a table row using the Web API). The local host wrote
/// "accounts(name,name)".
/// </summary>
public sealed class WebApiDuplicateSelectProbes
{
    [Theory]
    [InlineData("accounts?$select=name,name", "accounts(name)")]
    [InlineData("accounts?$select=name,accountnumber,name", "accounts(name,accountnumber)")]
    public async Task APropertySelectedTwice_IsNamedOnceInTheContext(string url, string context)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service, "Contoso", "C-1");

        var answer = await host.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.EndsWith("$metadata#" + context, answer.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Contoso", answer.Json["value"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnARowToo()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = host.Service.Create(new Entity("account") { ["name"] = "Contoso" });

        var answer = await host.GetAsync($"accounts({account})?$select=name,name");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.EndsWith("$metadata#accounts(name)/$entity", answer.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
