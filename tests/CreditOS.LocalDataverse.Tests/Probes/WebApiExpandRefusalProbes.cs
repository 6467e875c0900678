using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// What Dataverse refuses in $expand, as Join tables using OData (webapi/query/join-tables) words it: $top or $orderby on a lookup, or
/// anywhere a nested $expand is used, answer 0x80060888 "Only $select and $filter clause can be provided while doing $expand on
/// many-to-one relationship or nested one-to-many relationship."; /$ref on a collection 0x80060888 "Expand with $ref is only supported
/// on lookup type navigation property."; "The options $skip, $count, $search, and $levels aren't supported". What the page leaves open
/// (more than the 15 $expand options it allows, paged expanded collections, $ref on a lookup, $filter on a
/// lookup) stays a loud 501.
/// </summary>
public sealed class WebApiExpandRefusalProbes
{
    private const string OnlySelectAndFilter = "Only $select and $filter clause can be provided while doing $expand on many-to-one relationship or nested one-to-many relationship.";

    [Theory]
    [InlineData("accounts?$expand=primarycontactid($select=fullname;$top=1)", OnlySelectAndFilter)]
    [InlineData("accounts?$expand=primarycontactid($orderby=fullname)", OnlySelectAndFilter)]
    [InlineData("accounts?$expand=contact_customer_accounts($top=1),primarycontactid($expand=parentcustomerid_account($select=name))", OnlySelectAndFilter)]
    [InlineData("accounts?$expand=account_parent_account($orderby=name;$expand=primarycontactid)", OnlySelectAndFilter)]
    [InlineData("accounts?$expand=contact_customer_accounts/$ref", "Expand with $ref is only supported on lookup type navigation property.")]
    public async Task WhatDataverseRefuses_Answers400_WithItsMessage(string url, string message)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync(url);

        Assert.Equal((HttpStatusCode.BadRequest, "0x80060888"), (answer.Status, answer.ErrorCode));
        Assert.Equal(message, answer.ErrorMessage);
    }

    [Theory]
    [InlineData("accounts?$expand=contact_customer_accounts($skip=1)", "0x80060888")]
    [InlineData("accounts?$expand=contact_customer_accounts($count=true)", "0x80060888")]
    [InlineData("accounts?$expand=contact_customer_accounts($levels=2)", "0x80060888")]
    [InlineData("accounts?$expand=nosuchproperty", "0x0")] // "Could not find a property named …" as for $select
    [InlineData("accounts?$expand=primarycontactid($select=nosuchcolumn)", "0x0")]
    public async Task UnsupportedOptionsAndUnknownProperties_Answer400(string url, string code)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync(url);

        Assert.Equal((HttpStatusCode.BadRequest, code), (answer.Status, answer.ErrorCode));
    }

    [Fact]
    public async Task ASolutionDeclaredLookup_IsExpandedByItsSchemaName_ItsLogicalNameIsNoProperty()
    {
        // Session 35: cos_receivable's currency lookup is declared by the solution, so its navigation property is its schema name
        // (TransactionCurrencyId), as Dataverse names a custom table's lookups; $expand=transactioncurrencyid finds no property (400,
        // as for any unknown name); it answered 501 ("declares no relationship") before.
        await using var host = await WebApiProbeHost.StartAsync();
        var currency = host.Service.Create(new Microsoft.Xrm.Sdk.Entity("transactioncurrency") { ["isocurrencycode"] = "EUR", ["currencyname"] = "Euro", ["currencysymbol"] = "€", ["exchangerate"] = 1m, ["currencyprecision"] = 2 });
        var account = SolutionRows.Account(host.Service);
        host.Service.Create(new Microsoft.Xrm.Sdk.Entity("cos_receivable")
        {
            ["cos_invoicenumber"] = "INV-1",
            ["cos_accountid"] = new Microsoft.Xrm.Sdk.EntityReference("account", account),
            ["cos_openamount"] = new Microsoft.Xrm.Sdk.Money(10m),
            ["transactioncurrencyid"] = new Microsoft.Xrm.Sdk.EntityReference("transactioncurrency", currency),
        });

        var logical = await host.GetAsync("cos_receivables?$select=cos_invoicenumber&$expand=transactioncurrencyid($select=isocurrencycode)");
        var schema = await host.GetAsync("cos_receivables?$select=cos_invoicenumber&$expand=TransactionCurrencyId($select=isocurrencycode,currencysymbol)");

        Assert.Equal((HttpStatusCode.BadRequest, "0x0"), (logical.Status, logical.ErrorCode));
        Assert.Equal("Could not find a property named 'transactioncurrencyid' on type 'Microsoft.Dynamics.CRM.cos_receivable'.", logical.ErrorMessage);
        Assert.Equal(HttpStatusCode.OK, schema.Status);
        Assert.Contains("\"TransactionCurrencyId\":{", schema.Text, StringComparison.Ordinal);
        Assert.Contains("\"isocurrencycode\":\"EUR\"", schema.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIsNotModelled_StaysA501()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);
        var sixteen = string.Join(',', Enumerable.Repeat("primarycontactid($select=fullname)", 16));

        var tooMany = await host.GetAsync($"accounts?$expand={sixteen}");
        var pagedNested = await host.GetAsync("accounts?$expand=contact_customer_accounts($expand=parentcustomerid_account($select=name))", ("Prefer", "odata.maxpagesize=1"));
        var reference = await host.GetAsync("accounts?$expand=primarycontactid/$ref");
        var filteredLookup = await host.GetAsync("accounts?$expand=primarycontactid($filter=lastname eq 'x')");
        // createdby is answered since Web API round 13 (WebApiPlatformNavigationProbes); ownerid, to the principal base type, is not.
        var undeclared = await host.GetAsync("accounts?$expand=ownerid($select=fullname)");

        foreach (var answer in new[] { tooMany, pagedNested, reference, filteredLookup, undeclared })
        {
            Assert.Equal((HttpStatusCode.NotImplemented, "0x80040216"), (answer.Status, answer.ErrorCode));
        }
    }
}
