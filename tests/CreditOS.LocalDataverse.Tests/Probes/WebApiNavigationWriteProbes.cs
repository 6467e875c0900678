using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Single-valued navigation properties in a write body (fidelity round 6).
/// <list type="bullet">
/// <item>"Disassociate table rows on update: You can remove a reference to a single-valued navigation property when updating by
/// setting the value to null … You can set the value to null using the @odata.bind annotation … Or, just use the name of the
/// single-valued navigation property. {"parentaccountid": null, "primarycontactid": null}" (webapi/associate-disassociate-entities-using-web-api).
/// The bare name answered 400 "Invalid property 'parentaccountid' was found in entity …".</item>
/// <item>The owner: "principal EntityType … Derived types: systemuser, team … Collection-valued navigation properties: owner_accounts |
/// account | Partner: ownerid" (webapi/reference/principal), so an account's <c>ownerid</c> is a single-valued navigation property to
/// a user or a team and <c>"ownerid@odata.bind": "/systemusers(…)"</c> sets the owner. It answered 400 0x80048d19 "An undeclared
/// property 'ownerid' which only has property annotations …", Dataverse's refusal of a property the type does not have.</item>
/// </list>
/// </summary>
public sealed class WebApiNavigationWriteProbes
{
    [Fact]
    public async Task ThePropertyNameSetToNull_ClearsTheLookup_AsTheBindAnnotationDoes()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var parent = SolutionRows.Account(host.Service, "Parent");
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Smith" });
        var account = host.Service.Create(new Entity("account")
        {
            ["name"] = "Child",
            ["parentaccountid"] = new EntityReference("account", parent),
            ["primarycontactid"] = new EntityReference("contact", contact),
        });

        var answer = await host.SendAsync(HttpMethod.Patch, $"accounts({account})",
            new JsonObject { ["parentaccountid"] = null, ["primarycontactid@odata.bind"] = null }, ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        var row = host.Service.Retrieve("account", account, new ColumnSet("parentaccountid", "primarycontactid"));
        Assert.False(row.Contains("parentaccountid"));
        Assert.False(row.Contains("primarycontactid"));
    }

    /// <summary>Session 16: deep insert is implemented (WebApiDeepInsertProbes); the object creates the contact and binds it.</summary>
    [Fact]
    public async Task AnObjectForTheNavigationProperty_IsADeepInsert_ThatCreatesTheRelatedRow()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "accounts",
            new JsonObject { ["name"] = "Sample Account", ["primarycontactid"] = new JsonObject { ["lastname"] = "Smith" } });

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        var contact = host.Service.Retrieve("account", answer.EntityId, new ColumnSet("primarycontactid")).GetAttributeValue<EntityReference>("primarycontactid");
        Assert.Equal("Smith", host.Service.Retrieve("contact", contact.Id, new ColumnSet("lastname")).GetAttributeValue<string>("lastname"));
    }

    [Fact]
    public async Task OwnerIdBind_ToAUserOrATeam_SetsTheOwner()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var user = host.Dataverse.CreateUser("Olivia Owner");
        host.Dataverse.AssignRole(user, host.Dataverse.SystemAdministratorRoleId);
        var team = host.Dataverse.CreateTeam("Collections");
        host.Dataverse.AssignTeamRole(team, host.Dataverse.SolutionRoleId("creditOS Collector")); // a team owns only rows of tables its roles read (round 28)

        var created = await host.SendAsync(HttpMethod.Post, "accounts",
            new JsonObject { ["name"] = "Owned", ["ownerid@odata.bind"] = $"/systemusers({user})" });
        var id = created.EntityId;
        var assigned = await host.SendAsync(HttpMethod.Patch, $"accounts({id})",
            new JsonObject { ["ownerid@odata.bind"] = $"/teams({team})" }, ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.NoContent, created.Status);
        Assert.Equal(HttpStatusCode.NoContent, assigned.Status);
        var owner = host.Service.Retrieve("account", id, new ColumnSet("ownerid")).GetAttributeValue<EntityReference>("ownerid");
        Assert.Equal(("team", team), (owner.LogicalName, owner.Id));
    }

    [Fact]
    public async Task OwnerIdBind_ToAnotherTable_IsRefused()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var other = SolutionRows.Account(host.Service, "Not a principal");

        var answer = await host.SendAsync(HttpMethod.Post, "accounts",
            new JsonObject { ["name"] = "Owned", ["ownerid@odata.bind"] = $"/accounts({other})" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("principal", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Single(host.Service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities);
    }
}
