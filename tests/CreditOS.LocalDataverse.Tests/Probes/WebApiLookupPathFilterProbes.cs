using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// "You can filter based on values in single-valued navigation properties that represent lookup columns. Use this pattern:
/// &lt;single-valued navigation property&gt;/&lt;property name&gt; … accounts?$filter=primarycontactid/fullname eq 'Susanna Stubberod
/// (sample)' … You can also compare values further up the hierarchy of single-valued navigation properties" (Filter rows using OData,
/// "Filter using lookup column property values", webapi/query/filter-rows). Session 16: it answered 501.
/// </summary>
public sealed class WebApiLookupPathFilterProbes
{
    [Theory]
    [InlineData("primarycontactid/lastname eq 'Stubberod'", new[] { "Litware" })]
    [InlineData("contains(primarycontactid/lastname,'e')", new[] { "Fabrikam", "Litware" })]
    [InlineData("primarycontactid/lastname eq null", new[] { "Contoso" })]
    [InlineData("primarycontactid/lastname ne 'Stubberod' and name ne 'Contoso'", new[] { "Fabrikam" })]
    [InlineData("not (primarycontactid/lastname eq 'Stubberod') or name eq 'Contoso'", new[] { "Contoso", "Fabrikam" })]
    public async Task APropertyOfTheRelatedRow_FiltersTheRows(string filter, string[] expected)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Seed(host);

        var answer = await host.GetAsync($"accounts?$select=name&$orderby=name&$count=true&$filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(expected, answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).ToArray());
        Assert.Equal(expected.Length, answer.Json["@odata.count"]!.GetValue<int>());
    }

    [Fact]
    public async Task APathFurtherUpTheLookups_IsFollowed()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Seed(host);
        var litware = host.Service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("account") { ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet("name") })
            .Entities.Single(row => row.GetAttributeValue<string>("name") == "Litware").Id;
        host.Service.Create(new Entity("contact") { ["lastname"] = "Employee", ["parentcustomerid"] = new EntityReference("account", litware) });

        var answer = await host.GetAsync("contacts?$select=lastname&$filter=" + Uri.EscapeDataString("parentcustomerid_account/primarycontactid/lastname eq 'Stubberod'"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["Employee"], answer.Json["value"]!.AsArray().Select(row => row!["lastname"]!.GetValue<string>()).ToArray());
    }

    // A collection-valued property in a path (contact_customer_accounts/lastname) is refused 400 since session 24, as the OData library
    // refuses it (WebApiRoundSixteenProbes.APropertyOfACollection_OutsideALambda_Is400NotNotImplemented).
    [Theory]
    [InlineData("primarycontactid/lastname eq name")]         // a related column compared with a column of the row
    public async Task WhatIsNotRead_IsRefusedAsNotImplemented(string filter)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
    }

    [Fact]
    public async Task AnUnknownPropertyOfTheRelatedRow_IsRefused_400()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString("primarycontactid/nosuchcolumn eq 'x'"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.contact'.", answer.ErrorMessage);
    }

    private static void Seed(WebApiProbeHost host)
    {
        var stubberod = host.Service.Create(new Entity("contact") { ["lastname"] = "Stubberod" });
        var meyer = host.Service.Create(new Entity("contact") { ["lastname"] = "Meyer" });
        host.Service.Create(new Entity("account") { ["name"] = "Litware", ["primarycontactid"] = new EntityReference("contact", stubberod) });
        host.Service.Create(new Entity("account") { ["name"] = "Fabrikam", ["primarycontactid"] = new EntityReference("contact", meyer) });
        host.Service.Create(new Entity("account") { ["name"] = "Contoso" });
    }
}
