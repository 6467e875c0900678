using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// <c>MSCRM.SuppressDuplicateDetection: false</c> on a read or a delete (Web API round 15). "The value assigned to
/// MSCRM.SuppressDuplicateDetection header determines whether the Create or Update operation can be completed" (Detect duplicate data
/// using the Web API, webapi/manage-duplicate-detection-create-update): a GET or DELETE has nothing to detect, and the local host
/// answered 501 for them as for a create. A create or update asking for detection stays 501 (the local Dataverse runs no rules).
/// </summary>
public sealed class WebApiDuplicateDetectionHeaderProbes
{
    [Fact]
    public async Task AReadOrDeleteWithTheHeader_IsServed()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso");
        var other = SolutionRows.Account(host.Service, "Fabrikam");

        var read = await host.GetAsync($"accounts({id})?$select=name", ("MSCRM.SuppressDuplicateDetection", "false"));
        var list = await host.GetAsync("accounts?$select=name", ("MSCRM.SuppressDuplicateDetection", "false"));
        var deleted = await host.SendAsync(HttpMethod.Delete, $"accounts({other})", null, ("MSCRM.SuppressDuplicateDetection", "false"));

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("Contoso", read.Json["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Single(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }

    [Fact]
    public async Task ACreateOrUpdateAskingForDetection_IsStillNotImplemented_AndNothingIsWritten()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso");

        var created = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["name"] = "Contoso" }, ("MSCRM.SuppressDuplicateDetection", "false"));
        var updated = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "Changed" }, ("MSCRM.SuppressDuplicateDetection", "false"));

        Assert.Equal(HttpStatusCode.NotImplemented, created.Status);
        Assert.Equal(HttpStatusCode.NotImplemented, updated.Status);
        Assert.Equal("Contoso", host.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
        Assert.Single(host.Service.RetrieveMultiple(new QueryExpression("account")).Entities);
    }
}
