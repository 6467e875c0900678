using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The context URL and the applied preference of Web API answers, as Microsoft's examples show them. A row retrieved with
/// $select=name,revenue starts with "@odata.context": "[Organization URI]/api/data/v9.2/$metadata#accounts(name,revenue)/$entity"
/// (Retrieve a table row using the Web API); a collection with $select=accountid with "$metadata#accounts(accountid)" (Count rows
/// using OData); an update with return=representation answers 200 with "Preference-Applied: return=representation" and
/// "$metadata#accounts/$entity" when nothing is selected (Update and delete table rows, "Update with data returned"), a create 201
/// with the same header (Use Upsert, "Create with upsert and return=representation preference"). The local host wrote no context for
/// a row, "$metadata#accounts" for every collection whatever $select named, and no Preference-Applied for return=representation.
/// </summary>
public sealed class WebApiContextProbes
{
    [Fact]
    public async Task ARowAndACollection_NameWhatWasSelected_InTheirContext()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso");
        var root = host.Server.ServiceRoot.AbsoluteUri;

        var row = await host.GetAsync($"accounts({id})?$select=name,creditlimit");
        var whole = await host.GetAsync($"accounts({id})");
        var collection = await host.GetAsync("accounts?$select=accountid");
        var everything = await host.GetAsync("accounts");

        Assert.Equal($"{root}$metadata#accounts(name,creditlimit)/$entity", row.Json["@odata.context"]!.GetValue<string>());
        Assert.Equal("@odata.context", row.Json.AsObject().First().Key);
        Assert.Equal($"{root}$metadata#accounts/$entity", whole.Json["@odata.context"]!.GetValue<string>());
        Assert.Equal($"{root}$metadata#accounts(accountid)", collection.Json["@odata.context"]!.GetValue<string>());
        Assert.Equal($"{root}$metadata#accounts", everything.Json["@odata.context"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReturnRepresentation_IsApplied_AndTheRowHasItsContext()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service, "Contoso");
        var root = host.Server.ServiceRoot.AbsoluteUri;

        var updated = await host.SendAsync(HttpMethod.Patch, $"accounts({id})", new JsonObject { ["name"] = "Contoso Ltd" }, ("Prefer", "return=representation"), ("If-Match", "*"));
        var created = await host.SendAsync(HttpMethod.Post, "accounts?$select=accountid", new JsonObject { ["name"] = "Fabrikam" }, ("Prefer", "return=representation"));

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("return=representation", updated.Headers["Preference-Applied"]);
        Assert.Equal($"{root}$metadata#accounts/$entity", updated.Json["@odata.context"]!.GetValue<string>());
        Assert.Equal("Contoso Ltd", updated.Json["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("return=representation", created.Headers["Preference-Applied"]);
        Assert.Equal($"{root}$metadata#accounts(accountid)/$entity", created.Json["@odata.context"]!.GetValue<string>());
    }
}
