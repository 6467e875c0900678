using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 9: "Perform a GET request on Web API endpoint to see the service document" ({"@odata.context": "…/$metadata",
/// "value": [{"name": "accounts", "kind": "EntitySet", "url": "accounts"}, …]}), and "Append $metadata to the Web API endpoint to
/// retrieve the … CSDL $metadata document" (Web API Service Documents, webapi/web-api-service-documents). The local host answered both
/// with 404 "Resource not found for the segment"; it now serves the service document and answers 501 (not implemented) for $metadata.
/// WhoAmI called with its empty parameter list, "WhoAmI()", is answered as "WhoAmI" (it was 404).
/// </summary>
public sealed class WebApiServiceDocumentProbes
{
    [Fact]
    public async Task TheServiceRoot_ListsTheEntitySets()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync(string.Empty);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(host.Server.ServiceRoot.AbsoluteUri + "$metadata", answer.Json["@odata.context"]!.GetValue<string>());
        var sets = answer.Json["value"]!.AsArray();
        var accounts = Assert.Single(sets, set => set!["name"]!.GetValue<string>() == "accounts")!;
        Assert.Equal("EntitySet", accounts["kind"]!.GetValue<string>());
        Assert.Equal("accounts", accounts["url"]!.GetValue<string>());
        Assert.Contains(sets, set => set!["name"]!.GetValue<string>() == "cos_payments");
        var names = sets.Select(set => set!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task TheMetadataDocument_IsNotImplemented_NotMissing()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("$metadata");

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.StartsWith("The local Web API does not implement the CSDL $metadata document", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoAmIWithParentheses_IsAnsweredAsWhoAmI()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var bare = await host.GetAsync("WhoAmI");
        var called = await host.GetAsync("WhoAmI()");

        Assert.Equal(HttpStatusCode.OK, called.Status);
        Assert.Equal(bare.Json["UserId"]!.GetValue<Guid>(), called.Json["UserId"]!.GetValue<Guid>());
        Assert.Equal(bare.Json["BusinessUnitId"]!.GetValue<Guid>(), called.Json["BusinessUnitId"]!.GetValue<Guid>());
    }
}
