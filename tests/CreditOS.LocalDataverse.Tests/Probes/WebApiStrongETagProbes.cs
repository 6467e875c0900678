using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Xrm.Sdk.Query;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Xunit;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// A strong entity tag (<c>"19"</c>, without <c>W/</c>) in If-Match or If-None-Match (Web API round 14). "Dataverse generates a weakly
/// validating @odata.etag property for every entity instance" and "Client code should not give any meaning to the specific value of an
/// ETag" (Perform conditional operations using the Web API, webapi/perform-conditional-operations-using-web-api): a strong tag is one
/// Dataverse never issued, made by the client from the value. RFC 7232, which the page points to, compares If-Match strongly (no weak
/// tag would then ever match, and Dataverse's own documented W/ updates could not work), so Dataverse does not follow it to the letter,
/// and what it does with a strong tag is not published. The local host took "19" for W/"19" (rounds 11–13 left it); it now answers 501
/// and changes nothing. The weak ETag, <c>*</c> and <c>null</c> are unchanged (controls).
/// </summary>
public sealed class WebApiStrongETagProbes
{
    [Theory]
    [InlineData("PATCH", "If-Match")]
    [InlineData("DELETE", "If-Match")]
    [InlineData("GET", "If-Match")]
    [InlineData("GET", "If-None-Match")]
    [InlineData("PATCH", "If-None-Match")]
    public async Task AStrongETag_IsNotImplemented_AndNothingChanges(string method, string header)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso");
        var strong = (await host.GetAsync($"accounts({id})?$select=name")).Json["@odata.etag"]!.GetValue<string>()[2..];

        var answer = await host.SendAsync(new HttpMethod(method), $"accounts({id})", method == "PATCH" ? new JsonObject { ["name"] = "Changed" } : null, (header, strong));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Contains(strong, answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(header, answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("Contoso", host.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task AStrongETagInAList_IsNotImplemented_Too()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso");
        var etag = (await host.GetAsync($"accounts({id})?$select=name")).Json["@odata.etag"]!.GetValue<string>();

        var answer = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "Changed" }, ("If-Match", $"{etag}, \"1\""));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("Contoso", host.Service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
    }

    [Fact]
    public async Task TheWeakETag_Star_AndNull_AreAnsweredAsBefore()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso");
        var etag = (await host.GetAsync($"accounts({id})?$select=name")).Json["@odata.etag"]!.GetValue<string>();

        var weak = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "Weak" }, ("If-Match", etag));
        var any = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "Any" }, ("If-Match", "*"));
        var none = await host.SendAsync(HttpMethod.Delete, $"accounts({id})", null, ("If-None-Match", "null"));

        Assert.Equal(HttpStatusCode.NoContent, weak.Status);
        Assert.Equal(HttpStatusCode.NoContent, any.Status);
        Assert.Equal(HttpStatusCode.NoContent, none.Status);
    }
}
