using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 13 (session 21): the platform lookups' single-valued navigation properties (createdby, modifiedby, owninguser,
/// owningbusinessunit, …), which Microsoft's examples follow but the solution's relationships do not declare. Join tables using OData,
/// "Expand single-valued navigation properties": <c>accounts?$select=name&amp;$expand=primarycontactid($select=contactid,fullname),
/// createdby($select=fullname)</c> answers <c>"$metadata#accounts(name,primarycontactid(contactid,fullname),createdby(fullname))"</c> and
/// <c>"createdby": {"fullname": "System Administrator", "systemuserid": "…", "ownerid": "…"}</c> ("Both systemuserid and ownerid
/// properties have the same value"); Filter rows using OData compares <c>primarycontactid/createdby/fullname eq 'System Administrator'</c>.
/// The local host answered 501 to both, and 404 "Resource not found" to <c>accounts(id)/createdby</c>, a segment Dataverse has.
/// ownerid (the principal base type) stays 501. owninguser and owningteam were never filled; they follow ownerid now.
/// </summary>
public sealed class WebApiPlatformNavigationProbes
{
    private const string ClientName = "semantics probe client";

    [Fact]
    public async Task ExpandCreatedBy_AnswersTheUserWithSystemuseridAndOwnerid()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = host.Service.Create(new Entity("contact") { ["firstname"] = "Susanna", ["lastname"] = "Stubberod" });
        var created = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Litware", ["primarycontactid@odata.bind"] = $"/contacts({contact})" });

        var answer = await host.GetAsync("accounts?$select=name&$expand=primarycontactid($select=contactid,fullname),createdby($select=fullname)");

        Assert.Equal(HttpStatusCode.NoContent, created.Status);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.EndsWith("$metadata#accounts(name,primarycontactid(contactid,fullname),createdby(fullname))", answer.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        var row = Assert.Single(answer.Json["value"]!.AsArray())!;
        Assert.Equal("Susanna Stubberod", row["primarycontactid"]!["fullname"]!.GetValue<string>());
        var createdBy = row["createdby"]!.AsObject();
        Assert.Equal(ClientName, createdBy["fullname"]!.GetValue<string>());
        Assert.Equal(host.ApplicationUserId, createdBy["systemuserid"]!.GetValue<Guid>());
        Assert.Equal(host.ApplicationUserId, createdBy["ownerid"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task FilterOnCreatedByFullName_DirectlyAndThroughALookup_KeepsTheRowsThatUserCreated()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = (await host.SendAsync(HttpMethod.Post, "contacts", new JsonObject { ["lastname"] = "Stubberod" })).EntityId;
        await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Over HTTP", ["primarycontactid@odata.bind"] = $"/contacts({contact})" });
        SolutionRows.Account(host.Service, "As SYSTEM");

        var direct = await host.GetAsync($"accounts?$select=name&$filter=createdby/fullname eq '{ClientName}'");
        var throughContact = await host.GetAsync($"accounts?$select=name&$filter=primarycontactid/createdby/fullname eq '{ClientName}'");

        Assert.Equal(HttpStatusCode.OK, direct.Status);
        Assert.Equal("Over HTTP", Assert.Single(direct.Json["value"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, throughContact.Status);
        Assert.Equal("Over HTTP", Assert.Single(throughContact.Json["value"]!.AsArray())!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpandOwningUserModifiedByAndOwningBusinessUnit_AnswerTheirRows()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Litware" });

        var answer = await host.GetAsync("accounts?$select=name&$expand=owninguser($select=fullname),owningbusinessunit($select=name),modifiedby($select=fullname)");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var row = Assert.Single(answer.Json["value"]!.AsArray())!;
        Assert.Equal(ClientName, row["owninguser"]!["fullname"]!.GetValue<string>());
        Assert.Equal(ClientName, row["modifiedby"]!["fullname"]!.GetValue<string>());
        Assert.Equal(host.Dataverse.RootBusinessUnitId, row["owningbusinessunit"]!["businessunitid"]!.GetValue<Guid>());
        Assert.False(row["owningbusinessunit"]!.AsObject().ContainsKey("ownerid"));
    }

    /// <summary>
    /// "accounts?$filter=_owninguser_value eq '&lt;systemuserid value&gt;'&amp;$select=name" (Filter rows using OData): the local Dataverse
    /// never filled owninguser, so the documented filter found nothing and _owninguser_value read null. It follows ownerid now: a row
    /// assigned to a team has owningteam and no owninguser.
    /// </summary>
    [Fact]
    public async Task OwningUserAndOwningTeam_FollowTheOwner_SoTheDocumentedFilterFindsTheUsersRows()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var team = host.Dataverse.CreateTeam("Collections");
        host.Dataverse.AssignTeamRole(team, host.Dataverse.SolutionRoleId("creditOS Collector")); // a team owns only rows of tables its roles read (round 28)
        var mine = (await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Mine" })).EntityId;
        var theirs = (await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Theirs" })).EntityId;
        var assigned = await host.SendAsync(HttpMethod.Patch, $"accounts({theirs})", new JsonObject { ["ownerid@odata.bind"] = $"/teams({team})" });

        var byUser = await host.GetAsync($"accounts?$filter=_owninguser_value eq '{host.ApplicationUserId}'&$select=name");
        var teamRow = await host.GetAsync($"accounts({theirs})?$select=_owninguser_value,_owningteam_value");

        Assert.Equal(HttpStatusCode.NoContent, assigned.Status);
        Assert.Equal(mine, Assert.Single(byUser.Json["value"]!.AsArray())!["accountid"]!.GetValue<Guid>());
        Assert.Null(teamRow.Json["_owninguser_value"]);
        Assert.Equal(team, teamRow.Json["_owningteam_value"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task TheCreatedBySegmentOfARow_IsNotAnUnknownResource_ButNotImplemented()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var answer = await host.GetAsync($"accounts({id})/createdby");
        var misspelt = await host.GetAsync($"accounts({id})/createdbyy");

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal(HttpStatusCode.NotFound, misspelt.Status);
    }
}
