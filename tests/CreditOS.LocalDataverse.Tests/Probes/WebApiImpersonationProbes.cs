using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "Impersonate another user using the Web API" (learn.microsoft.com/power-apps/developer/data-platform/webapi/
/// impersonate-another-user-web-api): "Preferred: Impersonate a user based on their Azure Active Directory (AAD) object id by
/// passing that value along with the header CallerObjectId" (legacy: MSCRMCallerID with the systemuserid). Microsoft's
/// example creates an account with <c>CallerObjectId: e39c…</c> and the row's <c>createdby</c> is the user whose
/// <c>azureactivedirectoryobjectid</c> is e39c…. The calling user needs prvActOnBehalfOfAnotherUser. What Microsoft does not
/// document (both headers at once, an object id no user has) is refused as not implemented (501).
/// </summary>
public sealed class WebApiImpersonationProbes
{
    private static readonly Guid FionaObjectId = new("e39c5d16-675b-48d1-8e67-667427e9c084");

    [Fact]
    public async Task CallerObjectId_RunsTheRequestAsTheUserWithThatEntraObjectId()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var fiona = host.Dataverse.CreateUser("Fiona Finance");
        host.Dataverse.AssignRole(fiona, host.Dataverse.SystemAdministratorRoleId);
        host.Dataverse.SetUserEntraObjectId(fiona, FionaObjectId);

        var whoAmI = await host.GetAsync("WhoAmI", ("CallerObjectId", FionaObjectId.ToString("D")));
        var created = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Sample Account created using impersonation" },
            ("CallerObjectId", FionaObjectId.ToString("D")));
        var id = Guid.Parse(created.Headers["OData-EntityId"].Split('(', ')')[1]);

        Assert.Equal(HttpStatusCode.OK, whoAmI.Status);
        Assert.Equal(fiona, whoAmI.Json["UserId"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.NoContent, created.Status);
        Assert.Equal(fiona, host.Service.Retrieve("account", id, new ColumnSet("createdby")).GetAttributeValue<EntityReference>("createdby").Id);
    }

    [Fact]
    public async Task CallerObjectId_FromACallerWithoutTheActOnBehalfPrivilege_Answers403()
    {
        await using var host = await WebApiProbeHost.StartAsync("creditOS Sales Rep");
        var fiona = host.Dataverse.CreateUser("Fiona Finance");
        host.Dataverse.SetUserEntraObjectId(fiona, FionaObjectId);

        var refused = await host.GetAsync("WhoAmI", ("CallerObjectId", FionaObjectId.ToString("D")));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("0x8004a110", refused.ErrorCode);
    }

    [Fact]
    public async Task WhatMicrosoftDoesNotDocument_IsRefusedAsNotImplemented_AndAMalformedObjectIdAs400()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var fiona = host.Dataverse.CreateUser("Fiona Finance");
        host.Dataverse.SetUserEntraObjectId(fiona, FionaObjectId);

        var nobody = await host.GetAsync("WhoAmI", ("CallerObjectId", Guid.NewGuid().ToString("D")));
        var both = await host.GetAsync("WhoAmI", ("CallerObjectId", FionaObjectId.ToString("D")), ("MSCRMCallerID", fiona.ToString("D")));
        var malformed = await host.GetAsync("WhoAmI", ("CallerObjectId", "fiona@contoso.com"));

        Assert.Equal(HttpStatusCode.NotImplemented, nobody.Status);
        Assert.Contains("0 users have", nobody.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotImplemented, both.Status);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
    }

    [Fact]
    public void TheEntraObjectId_IsReadOnlyThroughTheApi()
    {
        using var dataverse = new LocalDataverse();
        var service = dataverse.GetOrganizationService();
        var fiona = dataverse.CreateUser("Fiona Finance");
        dataverse.SetUserEntraObjectId(fiona, FionaObjectId);

        var refused = FaultAssert.Throws(DataverseErrorCodes.InvalidArgument,
            () => service.Update(new Entity("systemuser", fiona) { ["azureactivedirectoryobjectid"] = Guid.NewGuid() }));

        Assert.Contains("not valid for update", refused.Message, StringComparison.Ordinal);
        Assert.Equal(FionaObjectId, service.Retrieve("systemuser", fiona, new ColumnSet("azureactivedirectoryobjectid")).GetAttributeValue<Guid>("azureactivedirectoryobjectid"));
    }
}
