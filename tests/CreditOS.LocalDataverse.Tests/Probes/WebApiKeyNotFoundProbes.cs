using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 9: a row addressed by an alternate key no row holds is RecordNotFoundByEntityKey 0x80060891 "A record with the
/// specified key values does not exist in {0} entity" (Web service error codes, reference/web-service-error-codes), a missing resource
/// (404), in the URL and in an @odata.bind alike. The local host answered that message with ObjectDoesNotExist's code 0x80040217, the
/// code of a row missing by id (which stays 0x80040217).
/// </summary>
public sealed class WebApiKeyNotFoundProbes
{
    [Fact]
    public async Task GetPatchWithIfMatchAndDelete_ByAMissingAlternateKey_Answer404_0x80060891()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var get = await host.GetAsync("accounts(accountnumber='NO-SUCH')?$select=name");
        var patch = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='NO-SUCH')", new JsonObject { ["name"] = "x" }, ("If-Match", "*"));
        var delete = await host.SendAsync(HttpMethod.Delete, "accounts(accountnumber='NO-SUCH')");

        foreach (var answer in new[] { get, patch, delete })
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.Status);
            Assert.Equal("0x80060891", answer.ErrorCode);
            Assert.Equal("A record with the specified key values does not exist in account entity", answer.ErrorMessage);
        }
    }

    [Fact]
    public async Task ABindByAMissingAlternateKey_Answers404_0x80060891_AndCreatesNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Child", ["parentaccountid@odata.bind"] = "/accounts(accountnumber='NO-SUCH')" });

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("0x80060891", answer.ErrorCode);
        Assert.Empty((await host.GetAsync("accounts?$select=name")).Json["value"]!.AsArray());
    }

    [Fact]
    public async Task AMissingCompositeKey_Answers0x80060891_AndAMissingId_Stays0x80040217()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = host.Service.Create(new Entity("account") { ["name"] = "Contoso" });
        host.Service.Create(new Entity("cos_payment")
        {
            ["cos_sourcesystem"] = "SAP", ["cos_erpid"] = "P-1", ["cos_amount"] = new Money(5m),
            ["cos_accountid"] = new EntityReference("account", account),
        });

        var byKey = await host.GetAsync("cos_payments(cos_sourcesystem='SAP',cos_erpid='P-2')?$select=cos_amount");
        var byId = await host.GetAsync($"cos_payments({Guid.NewGuid()})?$select=cos_amount");

        Assert.Equal(HttpStatusCode.NotFound, byKey.Status);
        Assert.Equal("0x80060891", byKey.ErrorCode);
        Assert.Equal("A record with the specified key values does not exist in cos_payment entity", byKey.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, byId.Status);
        Assert.Equal("0x80040217", byId.ErrorCode);
    }
}
