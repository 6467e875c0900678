using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// GET through a navigation property (session 16; all answered 501): "you can also access the values of navigation properties (lookup
/// fields) by appending the name of the navigation property to the URI referencing an individual entity" — GET
/// accounts(…)/primarycontactid?$select=fullname answers the contact with "$metadata#contacts(fullname)/$entity" and its ETag; a
/// collection-valued property with /$ref answers "$metadata#Collection($ref)" and the rows' @odata.id; with /$count the number as text
/// (Retrieve a table row using the Web API, "Retrieve navigation property values"). A collection-valued property is a filtered collection
/// (webapi/query/filter-rows, "Filter on lookup property"), with the set's query options. $expand of a many-to-many property
/// ("Collection-valued navigation properties correspond to one-to-many or many-to-many relationships", same page) reads through the
/// intersect table.
/// </summary>
public sealed class WebApiNavigationReadProbes
{
    [Fact]
    public async Task SingleValuedProperty_AnswersTheRelatedRow_WithItsContextAndETag()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = host.Service.Create(new Entity("contact") { ["firstname"] = "Rene", ["lastname"] = "Valdes" });
        var account = host.Service.Create(new Entity("account") { ["name"] = "Contoso", ["primarycontactid"] = new EntityReference("contact", contact) });

        var answer = await host.GetAsync($"accounts({account})/primarycontactid?$select=lastname");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.EndsWith("$metadata#contacts(lastname)/$entity", answer.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("W/\"", answer.Json["@odata.etag"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Valdes", answer.Json["lastname"]!.GetValue<string>());
        Assert.Equal(contact, answer.Json["contactid"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task SingleValuedProperty_WithoutAValue_IsRefusedAsNotImplemented()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);

        var answer = await host.GetAsync($"accounts({account})/primarycontactid");

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
    }

    [Fact]
    public async Task CollectionValuedProperty_IsTheFilteredCollection_WithSelectFilterOrderByTopAndCount()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var other = SolutionRows.Account(host.Service, "Other");
        foreach (var name in new[] { "Adams", "Baker", "Clark" })
        {
            Contact(host, name, account);
        }

        Contact(host, "Davis", other);

        var all = await host.GetAsync($"accounts({account})/contact_customer_accounts?$select=lastname&$orderby=lastname desc&$count=true");
        var narrowed = await host.GetAsync($"accounts({account})/contact_customer_accounts?$select=lastname&$filter=lastname ne 'Baker'&$orderby=lastname&$top=1");

        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.EndsWith("$metadata#contacts(lastname)", all.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["Clark", "Baker", "Adams"], Names(all));
        Assert.Equal(3, all.Json["@odata.count"]!.GetValue<int>());
        Assert.Equal(["Adams"], Names(narrowed));
    }

    [Fact]
    public async Task CollectionValuedProperty_CountAndRef_AnswerAsDocumented()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        var first = Contact(host, "Adams", account);
        var second = Contact(host, "Baker", account);
        Contact(host, "Davis", SolutionRows.Account(host.Service, "Other"));

        var count = await host.GetAsync($"accounts({account})/contact_customer_accounts/$count");
        var references = await host.GetAsync($"accounts({account})/contact_customer_accounts/$ref");

        Assert.Equal(HttpStatusCode.OK, count.Status);
        Assert.Equal("2", count.Text);
        Assert.StartsWith("text/plain", count.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, references.Status);
        Assert.EndsWith("$metadata#Collection($ref)", references.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        var ids = references.Json["value"]!.AsArray().Select(item => item!["@odata.id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { $"{host.Server.ServiceRoot.AbsoluteUri}contacts({first})", $"{host.Server.ServiceRoot.AbsoluteUri}contacts({second})" }.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task ManyToManyProperty_ReadsThroughTheIntersectTable()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var user = host.Dataverse.CreateUser("Riley Roles");
        var collector = host.Dataverse.SolutionRoleId("creditOS Collector");
        var salesRep = host.Dataverse.SolutionRoleId("creditOS Sales Rep");
        host.Dataverse.AssignRole(user, collector);
        host.Dataverse.AssignRole(user, salesRep);
        host.Dataverse.AssignRole(host.Dataverse.CreateUser("Someone Else"), host.Dataverse.SolutionRoleId("creditOS Finance Approver"));

        var roles = await host.GetAsync($"systemusers({user})/systemuserroles_association?$select=name&$orderby=name");
        var expanded = await host.GetAsync($"systemusers({user})?$select=fullname&$expand=systemuserroles_association($select=name;$orderby=name)");

        Assert.Equal(HttpStatusCode.OK, roles.Status);
        Assert.Equal(["creditOS Collector", "creditOS Sales Rep"], roles.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).ToArray());
        Assert.Equal(HttpStatusCode.OK, expanded.Status);
        var related = expanded.Json["systemuserroles_association"]!.AsArray();
        Assert.Equal(["creditOS Collector", "creditOS Sales Rep"], related.Select(row => row!["name"]!.GetValue<string>()).ToArray());
        Assert.Equal(new[] { collector, salesRep }.Order(), related.Select(row => row!["roleid"]!.GetValue<Guid>()).Order());
    }

    [Fact]
    public async Task ManyToManyExpand_WithRef_IsRefusedAsForOtherCollections_400()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var user = host.Dataverse.CreateUser("Riley Roles");

        var answer = await host.GetAsync($"systemusers({user})?$expand=systemuserroles_association/$ref");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Expand with $ref is only supported on lookup type navigation property.", answer.ErrorMessage);
    }

    [Fact]
    public async Task NavigationOfAMissingRow_Answers404()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync($"accounts({Guid.NewGuid()})/contact_customer_accounts");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
    }

    /// <summary>The Integration role reads accounts but not contacts: the filtered collection of contacts is refused as their query is.</summary>
    [Fact]
    public async Task CollectionOfATableTheCallerCannotRead_IsRefused_403()
    {
        await using var host = await WebApiProbeHost.StartAsync("creditOS Integration");
        var account = SolutionRows.Account(host.Service);
        Contact(host, "Adams", account);

        var answer = await host.GetAsync($"accounts({account})/contact_customer_accounts?$select=lastname");

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
    }

    private static Guid Contact(WebApiProbeHost host, string name, Guid account) =>
        host.Service.Create(new Entity("contact") { ["lastname"] = name, ["parentcustomerid"] = new EntityReference("account", account) });

    private static string[] Names(WebApiProbeHost.Answer answer) =>
        answer.Json["value"]!.AsArray().Select(row => row!["lastname"]!.GetValue<string>()).ToArray();
}
