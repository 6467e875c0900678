using System.Net;
using System.ServiceModel;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 21: an Update that finds its row by alternate key and sets the key column to another value. "Use Upsert to Create or
/// Update a record" (use-upsert-insert-update-record) documents this for Upsert only: when the row exists "the server removes the
/// data set in the body of the request for those alternate key values in the URL … you can't update the alternate key values of
/// a record when you're using those alternate key values to identify it. You can change alternate key values by using the primary
/// key or a different set of alternate keys"; and "The If-Match: * request header ensures that the PATCH request is an Update
/// operation", for which nothing is published. The local Dataverse changed the key (round 20 left it so); it now refuses as not
/// implemented (0x80040216, 501 over the Web API) and writes nothing. The same key value, the upsert and the primary key are answered.
/// </summary>
public sealed class AlternateKeyUpdateProbes
{
    [Fact]
    public void SdkUpdateByKey_ThatChangesTheKey_IsNotImplemented_AndWritesNothing()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service, "Contoso", "ACC-1");

        var fault = Assert.Throws<FaultException<OrganizationServiceFault>>(() => service.Update(
            new Entity("account", "accountnumber", "ACC-1") { ["accountnumber"] = "ACC-2", ["name"] = "Contoso Ltd" }));

        Assert.Equal(unchecked((int)0x80040216), fault.Detail.ErrorCode);
        Assert.StartsWith("The local Dataverse does not implement an Update by alternate key that sets the key column 'account.accountnumber' to another value ('ACC-2' for the key's 'ACC-1')", fault.Detail.Message, StringComparison.Ordinal);
        var row = service.Retrieve("account", id, new ColumnSet("accountnumber", "name"));
        Assert.Equal("ACC-1", row.GetAttributeValue<string>("accountnumber"));
        Assert.Equal("Contoso", row.GetAttributeValue<string>("name"));
    }

    [Fact]
    public void SdkUpdateByKey_WithTheSameKeyValue_OrByPrimaryKey_IsAnswered()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var id = SolutionRows.Account(service, "Contoso", "ACC-1");

        service.Update(new Entity("account", "accountnumber", "ACC-1") { ["accountnumber"] = "ACC-1", ["name"] = "Contoso Ltd" });
        service.Update(new Entity("account", id) { ["accountnumber"] = "ACC-2" });

        var row = service.Retrieve("account", id, new ColumnSet("accountnumber", "name"));
        Assert.Equal("ACC-2", row.GetAttributeValue<string>("accountnumber"));
        Assert.Equal("Contoso Ltd", row.GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task WebApiPatchByKey_WithIfMatch_ThatChangesTheKey_Is501_AndWritesNothing()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var answer = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='ACC-1')",
            new JsonObject { ["accountnumber"] = "ACC-2", ["name"] = "Contoso Ltd" }, ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains("'account.accountnumber' to another value ('ACC-2' for the key's 'ACC-1')", answer.ErrorMessage, StringComparison.Ordinal);
        var row = host.Service.Retrieve("account", id, new ColumnSet("accountnumber", "name"));
        Assert.Equal("ACC-1", row.GetAttributeValue<string>("accountnumber"));
        Assert.Equal("Contoso", row.GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task WebApiPatchByKey_AsAnUpsert_StillDropsTheBodysKeyValue()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso", "ACC-1");

        var answer = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='ACC-1')",
            new JsonObject { ["accountnumber"] = "ACC-2", ["name"] = "Contoso Ltd" });
        var sameKey = await host.SendAsync(HttpMethod.Patch, "accounts(accountnumber='ACC-1')",
            new JsonObject { ["accountnumber"] = "ACC-1", ["telephone1"] = "555-0100" }, ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal(HttpStatusCode.NoContent, sameKey.Status);
        var row = host.Service.Retrieve("account", id, new ColumnSet("accountnumber", "name", "telephone1"));
        Assert.Equal("ACC-1", row.GetAttributeValue<string>("accountnumber"));
        Assert.Equal("Contoso Ltd", row.GetAttributeValue<string>("name"));
        Assert.Equal("555-0100", row.GetAttributeValue<string>("telephone1"));
    }
}
