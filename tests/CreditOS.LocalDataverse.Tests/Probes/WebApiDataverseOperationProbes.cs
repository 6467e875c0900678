using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Resources Dataverse's Web API serves that the local host does not (Web API round 12, session 20): the table definitions ("Query
/// table definitions using the Web API": GET EntityDefinitions, EntityDefinitions(LogicalName='account'), GlobalOptionSetDefinitions,
/// RelationshipDefinitions) and Dataverse's own functions and actions (Web API Function Reference: RetrieveVersion,
/// RetrieveTotalRecordCount, InitializeFrom, CalculateRollupField…; Action Reference: Merge, GrantAccess, CreateMultiple…). The local
/// host answered each 404 0x8006088a "Resource not found for the segment …", the answer for a name the service does not have; a client
/// tested here would conclude Dataverse lacks them. They answer 501 saying what is not implemented. A name Dataverse does not have
/// still answers 404, and a function POSTed (an action read with GET) finds no route, as WhoAmI's ("No HTTP resource was found that
/// matches the request URI", Troubleshoot Dataverse Web API client errors).
/// </summary>
public sealed class WebApiDataverseOperationProbes
{
    [Theory]
    [InlineData("EntityDefinitions?$select=LogicalName")]
    [InlineData("EntityDefinitions(LogicalName='account')/ManyToOneRelationships?$select=SchemaName")] // one table's definition is served since session 23 (WebApiTableDefinitionProbes)
    [InlineData("GlobalOptionSetDefinitions")]
    [InlineData("RelationshipDefinitions/Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata?$select=SchemaName")]
    public async Task TableDefinitions_AreNotImplemented_NotAbsent(string url)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains("does not implement Dataverse's table definitions", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RetrieveVersion()", "RetrieveVersion")]
    [InlineData("RetrieveTotalRecordCount(EntityNames=@p1)?@p1=[\"account\"]", "RetrieveTotalRecordCount")]
    [InlineData("RetrieveCurrentOrganization(AccessType=@p1)?@p1=Microsoft.Dynamics.CRM.EndpointAccessType'Default'", "RetrieveCurrentOrganization")]
    [InlineData("GetTimeZoneCodeByLocalizedName(LocalizedStandardName=@p1,LocaleId=@p2)?@p1='Pacific Standard Time'&@p2=1033", "GetTimeZoneCodeByLocalizedName")]
    [InlineData("InitializeFrom(EntityMoniker=@p1,TargetEntityName=@p2,TargetFieldType=@p3)?@p1={'@odata.id':'accounts(00000000-0000-0000-0000-000000000001)'}&@p2='account'&@p3=Microsoft.Dynamics.CRM.TargetFieldType'ValidForCreate'", "InitializeFrom")]
    public async Task DataverseFunctions_AreNotImplemented_NotAbsent(string url, string name)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains($"function '{name}'", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Merge", "Merge")]
    [InlineData("GrantAccess", "GrantAccess")]
    [InlineData("accounts/Microsoft.Dynamics.CRM.DeleteMultiple", "DeleteMultiple")] // CreateMultiple is answered since Web API round 14 (WebApiCreateMultipleProbes)
    public async Task DataverseActions_AreNotImplemented_NotAbsent(string url, string name)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, url, new JsonObject());

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Contains($"action '{name}'", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, host.Dataverse.Count("account"));
    }

    [Fact]
    public async Task ADataverseFunctionBoundToARow_IsNotImplemented_NotTakenForAnAction()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var user = host.Dataverse.SystemUserId;

        var answer = await host.GetAsync($"systemusers({user})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()");

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Contains("function 'RetrieveUserPrivileges'", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "RetrieveVersion()")]
    [InlineData("GET", "Merge")]
    public async Task AFunctionPosted_OrAnActionRead_FindsNoRoute(string method, string url)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(new HttpMethod(method), url, method == "POST" ? new JsonObject() : null);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(string.Empty, answer.ErrorCode);
        Assert.StartsWith("No HTTP resource was found that matches the request URI", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RetrieveVersoin()", "RetrieveVersoin")]
    [InlineData("Acounts?$select=name", "Acounts")]
    public async Task ANameDataverseDoesNotHave_StillAnswers404(string url, string segment)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("0x8006088a", answer.ErrorCode);
        Assert.Equal($"Resource not found for the segment '{segment}'.", answer.ErrorMessage);
    }
}
