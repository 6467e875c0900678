using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// A request refused by Dataverse's security answers 403 Forbidden with the fault's code and message in the OData error
/// body. Microsoft's "Identify status codes" ("Compose HTTP requests and handle errors",
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors) lists under 403:
/// AccessDenied, AttributePermissionUpdateIsMissingDuringUpdate, AttributePrivilegeCreateIsMissing,
/// CannotActOnBehalfOfAnotherUser, PrivilegeDenied (among others); the body is {"error":{"code":"0x…","message":"…"}}.
/// </summary>
public sealed class WebApiSecurityProbes
{
    private const string SalesRep = "creditOS Sales Rep";

    [Fact]
    public async Task ACreateWithoutThePrivilege_Answers403_PrivilegeDenied_AndNothingIsCreated()
    {
        await using var host = await WebApiProbeHost.StartAsync(SalesRep);

        var answer = await host.SendAsync(HttpMethod.Post, "cos_creditpolicies", new JsonObject { ["cos_name"] = "Generous" });

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("0x80040220", answer.ErrorCode);
        Assert.StartsWith("Principal user (Id=", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("is missing prvCreatecos_CreditPolicy privilege", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, host.Dataverse.Count("cos_creditpolicy"));
    }

    [Fact]
    public async Task AnUpdateOrDeleteWithoutThePrivilege_Answers403_PrivilegeDenied()
    {
        await using var host = await WebApiProbeHost.StartAsync(SalesRep);
        var policy = host.Service.Create(new Entity("cos_creditpolicy") { ["cos_name"] = "Standard" });

        var patch = await host.SendAsync(HttpMethod.Patch, $"cos_creditpolicies({policy})", new JsonObject { ["cos_name"] = "Generous" });
        var delete = await host.SendAsync(HttpMethod.Delete, $"cos_creditpolicies({policy})");

        Assert.Equal((HttpStatusCode.Forbidden, "0x80040220"), (patch.Status, patch.ErrorCode));
        Assert.Contains("is missing prvWritecos_CreditPolicy privilege", patch.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, "0x80040220"), (delete.Status, delete.ErrorCode));
        Assert.Contains("is missing prvDeletecos_CreditPolicy privilege", delete.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecuredColumnWithoutAFieldSecurityProfile_Answers403_AttributePermissionUpdateIsMissingDuringUpdate()
    {
        await using var host = await WebApiProbeHost.StartAsync(SalesRep);
        var account = host.Service.Create(new Entity("account") { ["name"] = "Contoso" });

        var answer = await host.SendAsync(HttpMethod.Patch, $"accounts({account})", new JsonObject { ["creditlimit"] = 50_000m });

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("0x8004f507", answer.ErrorCode);
    }

    [Fact]
    public async Task AnInvalidArgument_StillAnswers400()
    {
        await using var host = await WebApiProbeHost.StartAsync(SalesRep);

        var answer = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = new string('x', 161) });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }
}
