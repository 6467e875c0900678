using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 13 (session 21): a request made as a disabled user. The code is the error list's unManagedidsusernotenabled 0x80040225;
/// Microsoft does not publish its HTTP status, but a live Dataverse answer to a disabled caller is quoted in microsoft/coe-starter-kit#8177:
/// <c>"statusCode":"403"</c>, <c>{"error":{"code":"0x80040225","message":"The specified user is disabled."}}</c>. The local host answered a
/// disabled application user 403 with AccessDenied 0x80048405 ("is not a member of the organization"), and the fault of a disabled user
/// reached through impersonation (or a user disabled after its first call) 400.
/// </summary>
public sealed class WebApiDisabledUserProbes
{
    [Fact]
    public async Task ADisabledApplicationUser_Answers403WithUserNotEnabled_AndNothingIsCreated()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Update(new Entity("systemuser", host.ApplicationUserId) { ["isdisabled"] = true });

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso" });

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("0x80040225", answer.ErrorCode);
        Assert.Equal("The specified user is disabled.", answer.ErrorMessage);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public async Task AnApplicationUserDisabledAfterItsFirstCall_Answers403WithUserNotEnabled()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var first = await host.GetAsync("WhoAmI");
        host.Service.Update(new Entity("systemuser", host.ApplicationUserId) { ["isdisabled"] = true });

        var answer = await host.GetAsync("accounts?$select=name");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("0x80040225", answer.ErrorCode);
    }

    [Fact]
    public async Task ImpersonatingADisabledUser_Answers403WithUserNotEnabled_AndNothingIsCreated()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var gone = host.Dataverse.CreateUser("Nora Gone");
        host.Dataverse.AssignRole(gone, host.Dataverse.SystemAdministratorRoleId);
        host.Service.Update(new Entity("systemuser", gone) { ["isdisabled"] = true });

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso" }, ("MSCRMCallerID", gone.ToString("D")));

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("0x80040225", answer.ErrorCode);
        Assert.Empty(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }
}
