using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "Update a single property value: PUT …/accounts(…)/name {"value": "Updated Sample Account Name"}" and "Delete a single property
/// value: DELETE …/accounts(…)/description" (Update and delete table rows using the Web API,
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api), both 204. The local host
/// answered them 400 "not an entity set with a key". What it does not implement answers 501 rather than a 400 Dataverse would not
/// give: /$ref (Associate and disassociate table rows using the Web API) and collection-valued navigation properties bound on
/// create ("Associate table rows on create", webapi/create-entity-web-api), which it refused as an undeclared property.
/// </summary>
public sealed class WebApiSinglePropertyWriteProbes
{
    [Fact]
    public async Task PutAndDeleteOfOneProperty_UpdateAndClearIt()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = host.Service.Create(new Entity("account") { ["name"] = "Contoso", ["description"] = "old" });

        var put = await host.SendAsync(HttpMethod.Put, $"accounts({account})/name", new JsonObject { ["value"] = "Fabrikam" });
        var delete = await host.SendAsync(HttpMethod.Delete, $"accounts({account})/description");

        Assert.Equal(HttpStatusCode.NoContent, put.Status);
        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        var row = host.Service.Retrieve("account", account, new ColumnSet("name", "description"));
        Assert.Equal("Fabrikam", row.GetAttributeValue<string>("name"));
        Assert.False(row.Contains("description"));
    }

    [Fact]
    public async Task PutOfOneProperty_IsCheckedAsAnUpdate_AndAnswers404ForAMissingRow()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);

        var tooLong = await host.SendAsync(HttpMethod.Put, $"accounts({account})/name", new JsonObject { ["value"] = new string('x', 161) });
        var missing = await host.SendAsync(HttpMethod.Put, $"accounts({Guid.NewGuid()})/name", new JsonObject { ["value"] = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal("0x80044331", tooLong.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    /// <summary>
    /// Session 16: /$ref writes and a collection-valued @odata.bind on create are implemented (Associate and disassociate table rows
    /// using the Web API; Create a table row using the Web API, "Associate table rows on create"); they answered 501 before.
    /// </summary>
    [Fact]
    public async Task RefOperations_AndCollectionValuedBinds_LinkAsDocumented()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var other = SolutionRows.Account(host.Service, "Other");
        var receivable = SolutionRows.Receivable(host.Service, account);

        var deleteRef = await host.SendAsync(HttpMethod.Delete, $"cos_receivables({receivable})/cos_AccountId/$ref");
        var afterDelete = AccountOf(host, receivable);
        var postRef = await host.SendAsync(HttpMethod.Post, $"accounts({other})/cos_account_cos_receivable_accountid/$ref", new JsonObject { ["@odata.id"] = $"cos_receivables({receivable})" });
        var afterPost = AccountOf(host, receivable);
        var collectionBind = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["name"] = "New", ["cos_account_cos_receivable_accountid@odata.bind"] = new JsonArray($"/cos_receivables({receivable})"),
        });

        Assert.All(new[] { deleteRef, postRef, collectionBind }, answer => Assert.Equal(HttpStatusCode.NoContent, answer.Status));
        Assert.Null(afterDelete);
        Assert.Equal(other, afterPost);
        Assert.Equal(collectionBind.EntityId, AccountOf(host, receivable));
    }

    private static Guid? AccountOf(WebApiProbeHost host, Guid receivable) =>
        host.Service.Retrieve("cos_receivable", receivable, new ColumnSet("cos_accountid")).GetAttributeValue<EntityReference>("cos_accountid")?.Id;
}
