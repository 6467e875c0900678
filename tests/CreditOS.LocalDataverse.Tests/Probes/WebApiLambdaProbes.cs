using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The lambda operators in $filter (Filter rows using OData, webapi/query/filter-rows, "Filter using values of related collections"):
/// "any: Returns true if the expression applied is true for any member of the collection … The any operator without an argument returns
/// true if the collection isn't empty"; "all: Returns true if the expression applied is true for all members of the collection";
/// syntax "&lt;collection&gt;/[any | all](o:&lt;expression to evaluate&gt;)", as in <c>Account_Emails/any(e:contains(e/subject,'sometext'))</c>,
/// <c>Account_Tasks/all(t:t/statecode eq 1)</c> and the nested <c>(contact_customer_accounts/any(c:c/jobtitle eq 'jobtitle' and
/// c/opportunity_customer_contacts/any(o:o/description ne 'N/A'))) and endswith(name,'Inc.')</c>. All is true for a parent without
/// related rows (OData 4.0 part 2, 5.1.1.10.2: all over an empty collection is true; FetchXML's link type all: "This includes parent
/// rows which have no link entity rows"). The local host answered 501 to both.
/// </summary>
public sealed class WebApiLambdaProbes
{
    [Fact]
    public async Task Any_KeepsTheParentsWithAMatchingRelatedRow_AndWithoutAPredicate_ThoseWithAny()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var (buyers, clerks, nobody) = Accounts(host.Service);

        var matching = await Names(host, "accounts?$select=name&$orderby=name&$filter=contact_customer_accounts/any(c:c/jobtitle eq 'Buyer')");
        var function = await Names(host, "accounts?$select=name&$orderby=name&$filter=contact_customer_accounts/any(c:contains(c/lastname,'lerk'))");
        var nonEmpty = await Names(host, "accounts?$select=name&$orderby=name&$filter=contact_customer_accounts/any()");
        var combined = await Names(host, "accounts?$select=name&$orderby=name&$filter=contact_customer_accounts/any(c:c/jobtitle eq 'Buyer') or endswith(name,'body')");

        Assert.Equal([buyers], matching);
        Assert.Equal([clerks], function);
        Assert.Equal([buyers, clerks], nonEmpty);
        Assert.Equal([buyers, nobody], combined);
    }

    [Fact]
    public async Task All_KeepsTheParentsAllOfWhoseRelatedRowsMatch_IncludingThoseWithNone()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var (buyers, clerks, nobody) = Accounts(host.Service);

        var all = await Names(host, "accounts?$select=name&$orderby=name&$filter=contact_customer_accounts/all(c:c/jobtitle eq 'Buyer')");
        var grouped = await Names(host, "accounts?$select=name&$orderby=name&$filter=(contact_customer_accounts/all(c:(c/jobtitle eq 'Buyer' or c/jobtitle eq 'Clerk'))) and contact_customer_accounts/any()");

        Assert.Equal([buyers, nobody], all);
        Assert.Equal([buyers, clerks], grouped);
    }

    [Fact]
    public async Task NestedLambdas_AreReadOnEachCollection()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var (buyers, _, _) = Accounts(host.Service);
        var buyer = host.Service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("contact") { ColumnSet = new(true) }).Entities.First(c => c.GetAttributeValue<string>("jobtitle") == "Buyer");
        host.Service.Create(new Entity("salesorder") { ["name"] = "SO-1", ["customerid"] = new EntityReference("contact", buyer.Id) });

        var nested = await Names(host, "accounts?$select=name&$filter=contact_customer_accounts/any(c:c/jobtitle eq 'Buyer' and c/order_customer_contacts/any(o:o/name ne 'N/A'))");
        var none = await Names(host, "accounts?$select=name&$filter=contact_customer_accounts/any(c:c/order_customer_contacts/any(o:o/name eq 'N/A'))");

        Assert.Equal([buyers], nested);
        Assert.Empty(none);
    }

    [Fact]
    public async Task ALambda_CountsInTheCountSegment_AndFiltersAnExpandedCollection()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Accounts(host.Service);
        var buyer = host.Service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("contact") { ColumnSet = new(true) }).Entities.First(c => c.GetAttributeValue<string>("lastname") == "Byrne");
        host.Service.Create(new Entity("salesorder") { ["name"] = "SO-1", ["customerid"] = new EntityReference("contact", buyer.Id) });

        var count = await host.GetAsync("accounts/$count?$filter=contact_customer_accounts/any()");
        var expanded = await host.GetAsync("accounts?$select=name&$filter=name eq 'A Buyers'&$expand=contact_customer_accounts($select=lastname;$filter=order_customer_contacts/any())");

        Assert.Equal("2", count.Text);
        var contacts = expanded.Json["value"]![0]!["contact_customer_accounts"]!.AsArray();
        Assert.Equal(["Byrne"], contacts.Select(c => c!["lastname"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("accounts?$filter=primarycontactid/contact_customer_accounts/any(a:a/name eq 'x')", HttpStatusCode.NotImplemented, "0x80040216")] // nested in a lookup: not supported (filter-rows)
    [InlineData("accounts?$filter=contact_customer_accounts/any(c:lastname eq 'x')", HttpStatusCode.NotImplemented, "0x80040216")] // the outer row ($it) inside a lambda
    [InlineData("accounts?$filter=nosuchcollection/any(c:c/lastname eq 'x')", HttpStatusCode.BadRequest, "0x0")]
    [InlineData("accounts?$filter=contact_customer_accounts/any(c:c/nosuchcolumn eq 'x')", HttpStatusCode.BadRequest, "0x0")]
    [InlineData("accounts?$filter=contact_customer_accounts/all()", HttpStatusCode.BadRequest, "0x80040203")]
    public async Task WhatIsNotALambdaOverACollection_IsRefused(string url, HttpStatusCode status, string code)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Accounts(host.Service);

        var answer = await host.GetAsync(url);

        Assert.Equal((status, code), (answer.Status, answer.ErrorCode));
    }

    [Fact]
    public async Task TheRelatedRowsAreReadAsTheCaller_WithoutReadOnTheirTable_403()
    {
        await using var host = await WebApiProbeHost.StartAsync("creditOS Sales Rep");
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync("accounts?$select=name&$filter=Account_Tasks/any()");

        Assert.Equal((HttpStatusCode.Forbidden, "0x80040220"), (answer.Status, answer.ErrorCode));
    }

    /// <summary>Three accounts: one with two buyers, one with a clerk, one with no contact.</summary>
    private static (string Buyers, string Clerks, string Nobody) Accounts(IOrganizationService service)
    {
        var buyers = service.Create(new Entity("account") { ["name"] = "A Buyers" });
        var clerks = service.Create(new Entity("account") { ["name"] = "B Clerks" });
        service.Create(new Entity("account") { ["name"] = "C Nobody" });
        foreach (var (name, account, title) in new[] { ("Byrne", buyers, "Buyer"), ("Bayer", buyers, "Buyer"), ("Clerk", clerks, "Clerk") })
        {
            service.Create(new Entity("contact") { ["lastname"] = name, ["jobtitle"] = title, ["parentcustomerid"] = new EntityReference("account", account) });
        }

        return ("A Buyers", "B Clerks", "C Nobody");
    }

    private static async Task<List<string>> Names(WebApiProbeHost host, string url)
    {
        var answer = await host.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).ToList();
    }
}
