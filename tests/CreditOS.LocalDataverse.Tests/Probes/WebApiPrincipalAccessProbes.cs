using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The RetrievePrincipalAccess function over HTTP (round 17, session 25; 501 before). "Use Web API functions", passing a reference to a row:
/// <c>GET [Organization URI]/api/data/v9.0/systemusers(…)/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid={'@odata.id':'contacts(…)'}</c>,
/// "The @odata.id annotation can be the full Uri, but a relative Uri works too". The answer is the RetrievePrincipalAccessResponse complex type
/// (AccessRights: the AccessRights enum type, a flags value, written by name: "ReadAccess, WriteAccess, AppendAccess, AppendToAccess,
/// CreateAccess, DeleteAccess, ShareAccess, AssignAccess" for every right).
/// </summary>
public sealed class WebApiPrincipalAccessProbes
{
    [Fact]
    public async Task ARepsAccessToHerOwnAccount_IsAnsweredAsTheComplexType_WithTheFlagsByName()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var rep = host.Dataverse.CreateUser("Sam Sales");
        host.Dataverse.AssignRole(rep, host.Dataverse.SolutionRoleId("creditOS Sales Rep"));
        var account = host.Service.Create(new Entity("account") { ["name"] = "Contoso", ["ownerid"] = new EntityReference("systemuser", rep) });

        var answer = await host.GetAsync($"systemusers({rep})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid={{'@odata.id':'accounts({account})'}}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal($"{host.Server.ServiceRoot.AbsoluteUri}$metadata#Microsoft.Dynamics.CRM.RetrievePrincipalAccessResponse", answer.Json["@odata.context"]!.GetValue<string>());
        Assert.Equal("ReadAccess, WriteAccess, AppendAccess, AppendToAccess, CreateAccess", answer.Json["AccessRights"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnAdministrator_HasEveryRight_TheTargetGivenAsAFullUri()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);

        var answer = await host.GetAsync(
            $"systemusers({host.ApplicationUserId})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid={Uri.EscapeDataString($"{{\"@odata.id\":\"{host.Server.ServiceRoot.AbsoluteUri}accounts({account})\"}}")}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("ReadAccess, WriteAccess, AppendAccess, AppendToAccess, CreateAccess, DeleteAccess, ShareAccess, AssignAccess", answer.Json["AccessRights"]!.GetValue<string>());
    }

    [Fact]
    public async Task NoRights_IsNone()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var collector = host.Dataverse.CreateUser("Cole Collector", businessUnitId: host.Dataverse.CreateBusinessUnit("Other unit"));
        host.Dataverse.AssignRole(collector, host.Dataverse.SolutionRoleId("creditOS Collector"));
        var account = SolutionRows.Account(host.Service);

        var answer = await host.GetAsync($"systemusers({collector})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid={{'@odata.id':'accounts({account})'}}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("None", answer.Json["AccessRights"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMissingTargetRow_Is404_ATeamPrincipalWithoutRolesHasNone_AndPostFindsNoRoute()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var team = host.Dataverse.CreateTeam("Collections");
        var missing = new Guid("0d0d0000-0000-4000-8000-00000000beef");

        var noRow = await host.GetAsync($"systemusers({host.ApplicationUserId})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid={{'@odata.id':'accounts({missing})'}}");
        var teamAnswer = await host.GetAsync($"teams({team})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid={{'@odata.id':'accounts({account})'}}");
        var posted = await host.SendAsync(HttpMethod.Post, $"systemusers({host.ApplicationUserId})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)?@tid={{'@odata.id':'accounts({account})'}}");

        Assert.Equal(HttpStatusCode.NotFound, noRow.Status);
        Assert.Equal("0x80040217", noRow.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, teamAnswer.Status); // 501 before round 28
        Assert.Equal("None", teamAnswer.Json["AccessRights"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
    }

    [Theory]
    [InlineData("RetrievePrincipalAccess()")]
    [InlineData("RetrievePrincipalAccess(Target=@tid)")]
    [InlineData("RetrievePrincipalAccess(Principal=@tid)")]
    public async Task AMissingOrMisnamedTarget_IsRefused_NotAnsweredForSomeRow(string call)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync($"systemusers({host.ApplicationUserId})/Microsoft.Dynamics.CRM.{call}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80060888", answer.ErrorCode);
    }
}
