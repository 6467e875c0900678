using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 12b (session 20): <c>fullname</c> through the Web API, as the Web API Basic Operations Sample shows it: a contact created with
/// {"firstname": "Rafel", "lastname": "Shillo"} is read back with "fullname": "Rafel Shillo", also through
/// $expand=primarycontactid($select=fullname,…); the Query data sample filters on primarycontactid/fullname. It came back null.
/// </summary>
public sealed class WebApiFullNameProbes
{
    [Fact]
    public async Task ACreatedContact_IsReadBackWithItsFullName()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var created = await host.SendAsync(HttpMethod.Post, "contacts", new JsonObject { ["firstname"] = "Rafel", ["lastname"] = "Shillo" });

        var answer = await host.GetAsync($"contacts({created.EntityId})?$select=fullname,firstname,lastname");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Rafel Shillo", answer.Json["fullname"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUpdateWithDataReturned_ShowsTheRecomposedFullName()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var created = await host.SendAsync(HttpMethod.Post, "contacts", new JsonObject { ["firstname"] = "Rafel", ["lastname"] = "Shillo" });

        var answer = await host.SendAsync(HttpMethod.Patch, $"contacts({created.EntityId})?$select=fullname", new JsonObject { ["lastname"] = "Shillo-Curtis" },
            ("Prefer", "return=representation"), ("If-Match", "*"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Rafel Shillo-Curtis", answer.Json["fullname"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFilterAndAnOrder_OnFullName_AnswerTheComposedNames()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        await host.SendAsync(HttpMethod.Post, "contacts", new JsonObject { ["firstname"] = "Susie", ["lastname"] = "Curtis" });
        await host.SendAsync(HttpMethod.Post, "contacts", new JsonObject { ["firstname"] = "Rafel", ["lastname"] = "Shillo" });

        var ordered = await host.GetAsync("contacts?$select=fullname&$orderby=fullname desc");
        var filtered = await host.GetAsync("contacts?$select=fullname&$filter=fullname eq 'Rafel Shillo'");

        Assert.Equal(["Susie Curtis", "Rafel Shillo"], ordered.Json["value"]!.AsArray().Select(row => row!["fullname"]!.GetValue<string>()));
        Assert.Equal("Rafel Shillo", Assert.Single(filtered.Json["value"]!.AsArray())!["fullname"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnAccountsPrimaryContact_ExpandedOrAnnotated_CarriesTheFullName()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = await host.SendAsync(HttpMethod.Post, "contacts", new JsonObject { ["firstname"] = "Rafel", ["lastname"] = "Shillo" });
        var account = await host.SendAsync(HttpMethod.Post, "accounts", new JsonObject
        {
            ["name"] = "Contoso Ltd",
            ["primarycontactid@odata.bind"] = $"contacts({contact.EntityId})",
        });

        var expanded = await host.GetAsync($"accounts({account.EntityId})?$select=name&$expand=primarycontactid($select=fullname)");
        var annotated = await host.GetAsync($"accounts({account.EntityId})?$select=_primarycontactid_value",
            ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""));

        Assert.Equal("Rafel Shillo", expanded.Json["primarycontactid"]!["fullname"]!.GetValue<string>());
        Assert.Equal("Rafel Shillo", annotated.Json["_primarycontactid_value@OData.Community.Display.V1.FormattedValue"]!.GetValue<string>());
    }
}
