using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 20 (session 28): what the query engine does not do, over the Web API. Its refusals ("The local Dataverse does not support …",
/// 0x80040315) answered 400 Bad Request, the status of a request Dataverse itself refuses ("Identify status codes", Compose HTTP requests
/// and handle errors: 400 "Bad request … the request is not valid"); the other local refusals answer 501 Not Implemented. One of them:
/// a hierarchy query deeper than Dataverse's limit, "Hierarchical queries … have a maximum recursion of 100 levels" (Query hierarchical
/// data, query-hierarchical-data), beyond which what Dataverse returns is not documented and the local Dataverse refuses. It is now 501,
/// the body (code and message) unchanged; a query the engine answers is unchanged.
/// </summary>
public sealed class WebApiLocalQueryRefusalProbes
{
    [Fact]
    public async Task AHierarchyDeeperThanTheRecursionLimit_Is501_NotABadRequest()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var top = host.Service.Create(new Entity("account") { ["name"] = "Level 0" });
        var current = top;
        for (var level = 1; level <= 101; level++)
        {
            current = host.Service.Create(new Entity("account") { ["name"] = "Level " + level, ["parentaccountid"] = new EntityReference("account", current) });
        }

        var deep = await host.GetAsync($"accounts?$select=name&$filter={Uri.EscapeDataString($"Microsoft.Dynamics.CRM.Under(PropertyName='accountid',PropertyValue='{current}')")}");
        var tooDeep = await host.GetAsync($"accounts?$select=name&$filter={Uri.EscapeDataString($"Microsoft.Dynamics.CRM.Under(PropertyName='accountid',PropertyValue='{top}')")}");

        Assert.Equal(HttpStatusCode.OK, deep.Status);
        Assert.Equal(HttpStatusCode.NotImplemented, tooDeep.Status);
        Assert.Equal("0x80040315", tooDeep.ErrorCode);
        Assert.StartsWith("The local Dataverse does not support a hierarchy query", tooDeep.ErrorMessage, StringComparison.Ordinal);
    }
}
