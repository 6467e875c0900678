using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// $expand of collection-valued (one-to-many) navigation properties (Join tables using OData, webapi/query/join-tables, "Single $expand
/// on collection-valued navigation properties"): <c>accounts?$select=name,accountid&amp;$expand=Account_Tasks($select=subject),
/// contact_customer_accounts($select=fullname)</c> answers, per account, an array of related rows, each with its "@odata.etag", the
/// selected columns, the lookup to the account ("_parentcustomerid_value") and its id, followed by
/// "contact_customer_accounts@odata.nextLink": "[Organization URI]/api/data/v9.2/accounts(…)/contact_customer_accounts?$select=fullname"
/// (no paging information). $filter, $orderby and $top limit the rows ("You can use $top, $filter, and $orderby options to control the
/// total number of records returned"), as in <c>$expand=Account_Tasks($select=subject;$filter=contains(subject,'Task');$orderby=createdon desc)</c>.
/// With a nested $expand the rows come without ETag and parent lookup ("Nested $expand on collection-valued navigation properties").
/// </summary>
public sealed class WebApiExpandCollectionProbes
{
    [Fact]
    public async Task ACollection_ExpandsToTheRelatedRows_WithEtagParentLookupAndNextLink()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service, "Litware");
        var contact = host.Service.Create(new Entity("contact") { ["lastname"] = "Stubberod", ["parentcustomerid"] = new EntityReference("account", account) });
        var root = host.Server.ServiceRoot.AbsoluteUri;

        var answer = await host.GetAsync($"accounts?$select=name&$expand=contact_customer_accounts($select=lastname)");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal($"{root}$metadata#accounts(name,contact_customer_accounts(lastname))", answer.Json["@odata.context"]!.GetValue<string>());
        var row = answer.Json["value"]![0]!;
        var related = Assert.Single(row["contact_customer_accounts"]!.AsArray())!;
        Assert.StartsWith("W/\"", related["@odata.etag"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Stubberod", related["lastname"]!.GetValue<string>());
        Assert.Equal(account, related["_parentcustomerid_value"]!.GetValue<Guid>());
        Assert.Equal(contact, related["contactid"]!.GetValue<Guid>());
        Assert.Equal($"{root}accounts({account})/contact_customer_accounts?$select=lastname", row["contact_customer_accounts@odata.nextLink"]!.GetValue<string>());
    }

    [Fact]
    public async Task FilterOrderByAndTop_LimitTheExpandedRows_AndAnAccountWithoutAny_HasAnEmptyArray()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service, "Litware");
        var empty = SolutionRows.Account(host.Service, "Nobody");
        foreach (var name in new[] { "Alder", "Birch", "Cedar", "Oak" })
        {
            host.Service.Create(new Entity("contact") { ["lastname"] = name, ["jobtitle"] = name == "Oak" ? "Clerk" : "Buyer", ["parentcustomerid"] = new EntityReference("account", account) });
        }

        var answer = await host.GetAsync($"accounts?$select=name&$orderby=name&$expand=contact_customer_accounts($select=lastname;$filter=jobtitle eq 'Buyer';$orderby=lastname desc;$top=2)");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var rows = answer.Json["value"]!.AsArray();
        Assert.Equal(["Cedar", "Birch"], rows[0]!["contact_customer_accounts"]!.AsArray().Select(c => c!["lastname"]!.GetValue<string>()));
        Assert.Empty(rows[1]!["contact_customer_accounts"]!.AsArray());
        Assert.EndsWith($"accounts({empty})/contact_customer_accounts?$select=lastname&$filter=jobtitle eq 'Buyer'&$orderby=lastname desc&$top=2",
            rows[1]!["contact_customer_accounts@odata.nextLink"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANestedExpandInACollection_FollowsEachRowsLookup_AndDropsEtagAndParentLookup()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var boss = host.Service.Create(new Entity("contact") { ["lastname"] = "Boss" });
        var parent = host.Service.Create(new Entity("account") { ["name"] = "Parent" });
        host.Service.Create(new Entity("account") { ["name"] = "Child", ["parentaccountid"] = new EntityReference("account", parent), ["primarycontactid"] = new EntityReference("contact", boss) });

        var answer = await host.GetAsync($"accounts({parent})?$select=name&$expand=account_parent_account($select=name;$expand=primarycontactid($select=lastname))");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var child = Assert.Single(answer.Json["account_parent_account"]!.AsArray())!.AsObject();
        Assert.Equal("Child", child["name"]!.GetValue<string>());
        Assert.Equal("Boss", child["primarycontactid"]!["lastname"]!.GetValue<string>());
        Assert.False(child.ContainsKey("@odata.etag"));
        Assert.False(child.ContainsKey("_parentaccountid_value"));
    }
}
