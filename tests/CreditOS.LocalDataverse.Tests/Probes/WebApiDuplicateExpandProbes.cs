using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 11 (session 19): a navigation property expanded twice. The OData library's URI parser combines the two items before
/// Dataverse sees the query (ExpandTreeNormalizer.AddOrCombine / CombineTerms, OData/odata.net 7.x): one expansion in the first one's
/// place, with the later item's $filter/$orderby/$top, the later item's $select followed by the earlier one's, and both nested
/// $expand lists. The local host expanded the property twice: the row carried the last item's columns only, and the context URL named
/// the property twice.
/// </summary>
public sealed class WebApiDuplicateExpandProbes
{
    [Fact]
    public async Task ALookupExpandedTwice_IsOneExpansion_WithBothSelections()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = host.Service.Create(new Entity("contact") { ["firstname"] = "Ann", ["lastname"] = "Smith" });
        host.Service.Create(new Entity("account") { ["name"] = "Contoso", ["primarycontactid"] = new EntityReference("contact", contact) });

        var answer = await host.GetAsync("accounts?$select=name&$expand=primarycontactid($select=firstname),primarycontactid($select=lastname)");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.EndsWith("$metadata#accounts(name,primarycontactid(lastname,firstname))", answer.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        var expanded = answer.Json["value"]![0]!["primarycontactid"]!;
        Assert.Equal("Ann", expanded["firstname"]!.GetValue<string>());
        Assert.Equal("Smith", expanded["lastname"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACollectionExpandedTwice_TakesTheLaterFilter()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service);
        foreach (var (first, last) in new[] { ("Ann", "Able"), ("Bob", "Baker") })
        {
            host.Service.Create(new Entity("contact") { ["firstname"] = first, ["lastname"] = last, ["parentcustomerid"] = new EntityReference("account", account) });
        }

        var answer = await host.GetAsync("accounts?$select=name&$expand=contact_customer_accounts($select=lastname;$filter=lastname eq 'Able'),contact_customer_accounts($select=firstname;$filter=lastname eq 'Baker')");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.EndsWith("$metadata#accounts(name,contact_customer_accounts(firstname,lastname))", answer.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        var rows = answer.Json["value"]![0]!["contact_customer_accounts"]!.AsArray();
        var row = Assert.Single(rows)!;
        Assert.Equal("Bob", row["firstname"]!.GetValue<string>());
        Assert.Equal("Baker", row["lastname"]!.GetValue<string>());
    }
}
