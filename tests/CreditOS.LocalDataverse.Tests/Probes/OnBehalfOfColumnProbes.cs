using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Xunit;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// createdonbehalfby and modifiedonbehalfby (Web API round 15; round 14 answered 501 for both). "If you need to see the ID of the user who
/// actually performed an operation for another user, you can query the record's createdonbehalfby value … GET [Organization URI]/api/data/
/// v9.2/accounts(…)?$select=name&amp;$expand=createdby($select=fullname),createdonbehalfby($select=fullname),owninguser($select=fullname)"
/// (Impersonate another user using the Web API, webapi/impersonate-another-user-web-api, "Determine the actual user"): a row created with
/// CallerObjectId or MSCRMCallerID has the impersonated user as createdby and owner, the calling (application) user as createdonbehalfby.
/// </summary>
public sealed class OnBehalfOfColumnProbes
{
    private static readonly Guid FionaObjectId = new("e39c5d16-675b-48d1-8e67-667427e9c084");

    [Fact]
    public async Task ARowCreatedWithCallerObjectId_NamesTheCallingUserAsCreatedOnBehalfBy_AsMicrosoftsExpandShows()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var fiona = Fiona(host);

        var created = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Sample Account created using impersonation" },
            ("CallerObjectId", FionaObjectId.ToString("D")));
        var read = await host.GetAsync(
            $"accounts({created.EntityId})?$select=name&$expand=createdby($select=fullname),createdonbehalfby($select=fullname),owninguser($select=fullname)");

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("Fiona Finance", read.Json["createdby"]!["fullname"]!.GetValue<string>());
        Assert.Equal("semantics probe client", read.Json["createdonbehalfby"]!["fullname"]!.GetValue<string>());
        Assert.Equal(host.ApplicationUserId, read.Json["createdonbehalfby"]!["systemuserid"]!.GetValue<Guid>());
        Assert.Equal("Fiona Finance", read.Json["owninguser"]!["fullname"]!.GetValue<string>());
        Assert.Equal(fiona, read.Json["owninguser"]!["systemuserid"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task MSCRMCallerID_StampsBothLookups_AndTheyAreReadFilteredAndSorted()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var fiona = Fiona(host);
        var own = SolutionRows.Account(host.Service, "Own");

        var created = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "For Fiona" }, ("MSCRMCallerID", fiona.ToString("D")));
        var read = await host.GetAsync($"accounts({created.EntityId})?$select=_createdby_value,_createdonbehalfby_value,_modifiedonbehalfby_value");
        var filtered = await host.GetAsync($"accounts?$select=name&$filter=_createdonbehalfby_value eq {host.ApplicationUserId}&$orderby=_modifiedonbehalfby_value");
        var notImpersonated = await host.GetAsync($"accounts({own})?$select=_createdonbehalfby_value,_modifiedonbehalfby_value");

        Assert.Equal(fiona, read.Json["_createdby_value"]!.GetValue<Guid>());
        Assert.Equal(host.ApplicationUserId, read.Json["_createdonbehalfby_value"]!.GetValue<Guid>());
        Assert.Equal(host.ApplicationUserId, read.Json["_modifiedonbehalfby_value"]!.GetValue<Guid>());
        Assert.Equal(["For Fiona"], filtered.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()));
        Assert.Null(notImpersonated.Json["_createdonbehalfby_value"]);
        Assert.Null(notImpersonated.Json["_modifiedonbehalfby_value"]);
    }

    [Fact]
    public async Task AnImpersonatedUpdate_StampsModifiedOnBehalfBy_AndALaterOwnUpdateEmptiesIt_CreatedOnBehalfByStays()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var fiona = Fiona(host);
        var id = SolutionRows.Account(host.Service, "Contoso");

        var impersonated = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "By Fiona" }, ("CallerObjectId", FionaObjectId.ToString("D")));
        var afterImpersonated = host.Service.Retrieve("account", id, new ColumnSet("modifiedby", "modifiedonbehalfby", "createdonbehalfby"));
        var own = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "By the client" });
        var afterOwn = host.Service.Retrieve("account", id, new ColumnSet("modifiedby", "modifiedonbehalfby"));

        Assert.Equal(HttpStatusCode.NoContent, impersonated.Status);
        Assert.Equal(fiona, afterImpersonated.GetAttributeValue<EntityReference>("modifiedby").Id);
        Assert.Equal(host.ApplicationUserId, afterImpersonated.GetAttributeValue<EntityReference>("modifiedonbehalfby").Id);
        Assert.Null(afterImpersonated.GetAttributeValue<EntityReference>("createdonbehalfby"));
        Assert.Equal(HttpStatusCode.NoContent, own.Status);
        Assert.Equal(host.ApplicationUserId, afterOwn.GetAttributeValue<EntityReference>("modifiedby").Id);
        Assert.Null(afterOwn.GetAttributeValue<EntityReference>("modifiedonbehalfby"));
    }

    [Fact]
    public async Task TheOrganizationServiceUnderCallerId_StampsTheAuthenticatedUser_AndAQueryFindsTheRow()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var fiona = Fiona(host);
        var admin = host.Dataverse.CreateUser("Ada Admin");
        host.Dataverse.AssignRole(admin, host.Dataverse.SystemAdministratorRoleId);
        var service = host.Dataverse.GetOrganizationService(admin);
        service.CallerId = fiona;

        var id = service.Create(new Entity("account") { ["name"] = "Created for Fiona" });
        var query = host.Service.RetrieveMultiple(new QueryExpression("account")
        {
            ColumnSet = new ColumnSet("name", "createdby"),
            Criteria = { Conditions = { new ConditionExpression("createdonbehalfby", ConditionOperator.Equal, admin) } },
        });

        var row = Assert.Single(query.Entities);
        Assert.Equal(id, row.Id);
        Assert.Equal(fiona, row.GetAttributeValue<EntityReference>("createdby").Id);
    }

    [Fact]
    public async Task AColumnTheTableLacks_IsStillUnknown()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var unknown = await host.GetAsync("accounts?$select=name,_createdonbehalfbyx_value");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("0x0", unknown.ErrorCode);
    }

    private static Guid Fiona(WebApiProbeHost host)
    {
        var fiona = host.Dataverse.CreateUser("Fiona Finance");
        host.Dataverse.AssignRole(fiona, host.Dataverse.SystemAdministratorRoleId);
        host.Dataverse.SetUserEntraObjectId(fiona, FionaObjectId);
        return fiona;
    }
}
