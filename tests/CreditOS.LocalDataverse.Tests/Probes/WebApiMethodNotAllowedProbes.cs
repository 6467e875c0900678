using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 9: "405 Method Not Allowed: This error occurs for incorrect method and resource combinations. For example, you can't
/// use DELETE or PATCH on a collection of entities." (Compose HTTP requests and handle errors, "Identify status codes"). The status was
/// right; the body said InvalidArgument 0x80040203 "PATCH is not supported on 'accounts'.", a Dataverse fault code for what is an HTTP
/// routing refusal. It now has the routing layer's shape, an empty code as the documented 404 "No HTTP resource was found that matches
/// the request URI" (Troubleshoot Dataverse Web API client errors) and ASP.NET's "The requested resource does not support http method
/// 'PATCH'." Nothing is written.
/// </summary>
public sealed class WebApiMethodNotAllowedProbes
{
    [Theory]
    [InlineData("PATCH", "accounts")]
    [InlineData("DELETE", "accounts")]
    [InlineData("PUT", "accounts(accountnumber='A-1')")]
    [InlineData("POST", "accounts(accountnumber='A-1')")]
    public async Task AMethodTheResourceDoesNotTake_Answers405_WithTheRoutingError(string method, string url)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "Contoso", ["accountnumber"] = "A-1" });

        var answer = await host.SendAsync(new HttpMethod(method), url, method == "DELETE" ? null : new JsonObject { ["name"] = "Changed" });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal(string.Empty, answer.ErrorCode);
        Assert.Equal($"The requested resource does not support http method '{method}'.", answer.ErrorMessage);
        var rows = (await host.GetAsync("accounts?$select=name")).Json["value"]!.AsArray();
        Assert.Equal("Contoso", Assert.Single(rows)!["name"]!.GetValue<string>());
    }
}
