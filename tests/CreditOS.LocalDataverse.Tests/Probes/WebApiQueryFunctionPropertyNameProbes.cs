using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 22 (session 30): a Dataverse query function's PropertyName is the column's logical name. The Web API reference says only "The
/// name of the property to evaluate" (EqualUserId Function, webapi/reference/equaluserid); a live run quoted in a public project log
/// answered Microsoft.Dynamics.CRM.In(PropertyName='_opportunityid_value', …) with HTTP 400 "'OpportunityProduct' entity doesn't
/// contain attribute with Name = '_opportunityid_value'" and worked once the filter named 'opportunityid', and public clients send
/// EqualUserId(PropertyName='ownerid') (round 21 left this open). The local host took the OData property instead: 'ownerid' was
/// refused ("Could not find a property named 'ownerid'") and '_ownerid_value' answered rows.
/// </summary>
public sealed class WebApiQueryFunctionPropertyNameProbes
{
    [Fact]
    public async Task EqualUserId_TakesTheLookupsLogicalName_AndKeepsTheCallersRows()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var colleague = host.Dataverse.CreateUser("Colleague");
        host.Service.Create(new Entity("account") { ["name"] = "Mine", ["ownerid"] = new EntityReference("systemuser", host.ApplicationUserId) });
        host.Service.Create(new Entity("account") { ["name"] = "Theirs", ["ownerid"] = new EntityReference("systemuser", colleague) });

        var mine = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString("Microsoft.Dynamics.CRM.EqualUserId(PropertyName='ownerid')"));
        var theirs = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString("Microsoft.Dynamics.CRM.NotEqualUserId(PropertyName='ownerid')"));

        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Equal(["Mine"], mine.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, theirs.Status);
        Assert.Equal(["Theirs"], theirs.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("Microsoft.Dynamics.CRM.EqualUserId(PropertyName='_ownerid_value')", "_ownerid_value")]
    [InlineData("Microsoft.Dynamics.CRM.In(PropertyName='_parentaccountid_value',PropertyValues=['00000000-0000-0000-0000-000000000001'])", "_parentaccountid_value")]
    [InlineData("Microsoft.Dynamics.CRM.EqualUserId(PropertyName='nosuchcolumn')", "nosuchcolumn")]
    public async Task TheODataNameOfALookup_OrAnUnknownName_IsTheQueryBuildersUnknownAttribute(string filter, string name)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x80041103", answer.ErrorCode);
        Assert.Equal($"'account' entity doesn't contain attribute with Name = '{name}' and NameMapping = 'Logical'.", answer.ErrorMessage);
    }

    [Fact]
    public async Task In_OnALookupByItsLogicalName_FiltersByTheReferencedId()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var parent = host.Service.Create(new Entity("account") { ["name"] = "Parent" });
        host.Service.Create(new Entity("account") { ["name"] = "Child", ["parentaccountid"] = new EntityReference("account", parent) });
        host.Service.Create(new Entity("account") { ["name"] = "Orphan" });

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString($"Microsoft.Dynamics.CRM.In(PropertyName='parentaccountid',PropertyValues=['{parent}'])"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["Child"], answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()));
    }
}
