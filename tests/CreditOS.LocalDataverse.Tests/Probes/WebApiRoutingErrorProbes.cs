using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The answers Microsoft publishes for the common client errors ("Troubleshoot Dataverse Web API client errors",
/// learn.microsoft.com/troubleshoot/power-platform/power-apps/dataverse/web-api-client-errors): an entity set in the wrong case
/// ("GET …/Account") is 404 with code 0x8006088a (the local host answered 0x80060888); a function called with POST ("POST
/// …/WhoAmI") is 404 with an empty code and "No HTTP resource was found that matches the request URI '…/WhoAmI'." (it answered
/// 404 0x80060888 "Resource not found for the segment 'WhoAmI'"); a property in the wrong case in $select or a body is code 0x0; a
/// lookup's logical name bound is 0x80048d19 (see WebApiErrorProbes, WebApiBindingProbes).
/// </summary>
public sealed class WebApiRoutingErrorProbes
{
    [Fact]
    public async Task AnEntitySetInTheWrongCase_Answers404_0x8006088a()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("Account");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("0x8006088a", answer.ErrorCode);
        Assert.Equal("Resource not found for the segment 'Account'.", answer.ErrorMessage);
    }

    [Fact]
    public async Task WhoAmIWithPost_Answers404_NoHttpResource_WithAnEmptyCode()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.SendAsync(HttpMethod.Post, "WhoAmI", new JsonObject());

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(string.Empty, answer.ErrorCode);
        Assert.Equal($"No HTTP resource was found that matches the request URI '{host.Server.ServiceRoot.AbsoluteUri}WhoAmI'.", answer.ErrorMessage);
    }

    [Fact]
    public async Task APropertyInTheWrongCase_InSelectOrInABody_IsCode0x0()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var select = await host.GetAsync("accounts?$select=Name");
        var body = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject { ["Name"] = "Account name" });

        Assert.Equal((HttpStatusCode.BadRequest, "0x0"), (select.Status, select.ErrorCode));
        Assert.Equal("Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'.", select.ErrorMessage);
        Assert.Equal((HttpStatusCode.BadRequest, "0x0"), (body.Status, body.ErrorCode));
        Assert.StartsWith("An error occurred while validating input parameters: Microsoft.Crm.CrmException: Invalid property 'Name' was found in entity 'Microsoft.Dynamics.CRM.account'. ---> Microsoft.OData.ODataException: Does not support untyped value in non-open type.", body.ErrorMessage, StringComparison.Ordinal);
    }
}
