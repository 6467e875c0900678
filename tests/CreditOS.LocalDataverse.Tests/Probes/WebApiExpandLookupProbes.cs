using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// $expand of single-valued navigation properties (Join tables using OData, webapi/query/join-tables, "Expand single-valued
/// navigation properties"): <c>accounts?$select=name&amp;$expand=primarycontactid($select=contactid,fullname),createdby($select=fullname)</c>
/// answers each row with "primarycontactid": {"contactid": …, "fullname": …} (the selected columns and the id, no ETag) and the context
/// "$metadata#accounts(name,primarycontactid(contactid,fullname),createdby(fullname))"; "Nested expand of single-valued navigation
/// properties" nests further. An empty lookup expands to null (OData: a single-valued navigation property without a related entity).
/// The local host answered 501 to every $expand.
/// </summary>
public sealed class WebApiExpandLookupProbes
{
    [Fact]
    public async Task ALookup_ExpandsToTheRelatedRow_WithItsSelectedColumnsAndId()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var contact = host.Service.Create(new Entity("contact") { ["firstname"] = "Susanna", ["lastname"] = "Stubberod", ["jobtitle"] = "Buyer" });
        var account = host.Service.Create(new Entity("account") { ["name"] = "Litware", ["primarycontactid"] = new EntityReference("contact", contact) });
        var root = host.Server.ServiceRoot.AbsoluteUri;

        var answer = await host.GetAsync($"accounts?$select=name&$expand=primarycontactid($select=jobtitle)&$filter=accountid eq {account}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal($"{root}$metadata#accounts(name,primarycontactid(jobtitle))", answer.Json["@odata.context"]!.GetValue<string>());
        var row = answer.Json["value"]![0]!;
        Assert.Equal("Litware", row["name"]!.GetValue<string>());
        Assert.Null(row["_primarycontactid_value"]); // read to follow the lookup, not selected: not written
        var expanded = row["primarycontactid"]!.AsObject();
        Assert.Equal("Buyer", expanded["jobtitle"]!.GetValue<string>());
        Assert.Equal(contact, expanded["contactid"]!.GetValue<Guid>());
        Assert.False(expanded.ContainsKey("@odata.etag"));
        Assert.False(expanded.ContainsKey("lastname"));
    }

    [Fact]
    public async Task AnEmptyLookup_ExpandsToNull_AndARowRetrievedByKeyExpandsToo()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service, "No contact");
        var root = host.Server.ServiceRoot.AbsoluteUri;

        var answer = await host.GetAsync($"accounts({account})?$select=name&$expand=primarycontactid($select=fullname)");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal($"{root}$metadata#accounts(name,primarycontactid(fullname))/$entity", answer.Json["@odata.context"]!.GetValue<string>());
        Assert.True(answer.Json.AsObject().ContainsKey("primarycontactid"));
        Assert.Null(answer.Json["primarycontactid"]);
    }

    [Fact]
    public async Task SeveralLookups_AndANestedExpand_AreFollowed()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var boss = host.Service.Create(new Entity("contact") { ["lastname"] = "Boss" });
        var parent = host.Service.Create(new Entity("account") { ["name"] = "Parent", ["primarycontactid"] = new EntityReference("contact", boss) });
        var child = host.Service.Create(new Entity("account") { ["name"] = "Child", ["parentaccountid"] = new EntityReference("account", parent) });
        var employee = host.Service.Create(new Entity("contact") { ["lastname"] = "Employee", ["parentcustomerid"] = new EntityReference("account", child) });

        // A customer lookup has one navigation property per target: parentcustomerid_account, parentcustomerid_contact.
        var answer = await host.GetAsync($"contacts({employee})?$select=lastname&$expand=parentcustomerid_account($select=name;$expand=parentaccountid($select=name;$expand=primarycontactid($select=lastname))),parentcustomerid_contact($select=lastname)");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var account = answer.Json["parentcustomerid_account"]!;
        Assert.Equal("Child", account["name"]!.GetValue<string>());
        Assert.Equal("Parent", account["parentaccountid"]!["name"]!.GetValue<string>());
        Assert.Equal("Boss", account["parentaccountid"]!["primarycontactid"]!["lastname"]!.GetValue<string>());
        Assert.Null(answer.Json["parentcustomerid_contact"]); // the lookup points at an account
        Assert.EndsWith("#contacts(lastname,parentcustomerid_account(name,parentaccountid(name,primarycontactid(lastname))),parentcustomerid_contact(lastname))/$entity",
            answer.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
