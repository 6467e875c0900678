using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// A navigation property's name is case-sensitive ("Name: The name of the navigation property; case-sensitive", Web API navigation
/// properties, webapi/web-api-navigation-properties), and a lookup the solution declares is navigated by its schema name
/// (OneToManyRelationshipMetadata.ReferencingEntityNavigationPropertyName: cos_AccountId, TransactionCurrencyId). A lookup column's
/// logical name is then no property of the entity type at all (its value is _x_value), so the OData library answers 400 "Could not find
/// a property named 'customerid' on type 'Microsoft.Dynamics.CRM.salesorder'." with code 0x0, as live environments report for
/// $expand=customerid (github.com/jlattimer/CRMRESTBuilder/issues/3; MicrosoftDocs/dynamics-365-customer-engagement#678 for the code).
/// The local host answered 501 "declares no relationship for this lookup" (round 27), as if Dataverse might have it.
/// </summary>
public sealed class WebApiNavigationNameProbes
{
    [Theory]
    [InlineData("$expand=transactioncurrencyid($select=isocurrencycode)", "transactioncurrencyid")]
    [InlineData("$expand=cos_accountid($select=name)", "cos_accountid")]
    [InlineData("$filter=transactioncurrencyid/isocurrencycode eq 'USD'", "transactioncurrencyid")]
    [InlineData("$filter=cos_accountid/name eq 'Acme'", "cos_accountid")]
    [InlineData("$apply=groupby((cos_accountid/name))", "cos_accountid")]
    public async Task ADeclaredLookupsLogicalNameAsANavigationProperty_IsThePropertyNotFound400(string option, string name)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Receivable(host.Service, SolutionRows.Account(host.Service, "Acme"));

        var answer = await host.GetAsync($"cos_receivables?{(option.StartsWith("$apply", StringComparison.Ordinal) ? "" : "$select=cos_erpid&")}{option}");

        Assert.Equal((HttpStatusCode.BadRequest, "0x0"), (answer.Status, answer.ErrorCode));
        Assert.Equal($"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.cos_receivable'.", answer.ErrorMessage);
    }

    [Fact]
    public async Task APolymorphicLookupsColumnName_IsNoNavigationPropertyEither()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Order(host.Service, SolutionRows.Account(host.Service, "Acme"));

        // The reported live answer (CRMRESTBuilder issue 3): customerid is navigated as customerid_account / customerid_contact.
        var answer = await host.GetAsync("salesorders?$select=name&$expand=customerid($select=name)");

        Assert.Equal((HttpStatusCode.BadRequest, "0x0"), (answer.Status, answer.ErrorCode));
        Assert.Equal("Could not find a property named 'customerid' on type 'Microsoft.Dynamics.CRM.salesorder'.", answer.ErrorMessage);
    }

    /// <summary>
    /// A structural property in $expand (a column, or a lookup's _x_value): the OData library's SelectExpandBinder refuses it with
    /// ExpandItemBinder_PropertyIsNotANavigationPropertyOrComplexProperty, which a live environment answers as {"code": "0x0", "message":
    /// "Property 'contactid' on type 'Microsoft.Dynamics.CRM.ava_ava_accountdocuments_contact' is not a navigation property or complex
    /// property. Only navigation properties can be expanded."} (blog post "Mastering Dataverse Web API Queries for Many-to-Many
    /// Relationships", 2023-08-25). The local host wrote the older library's "is not a navigation property." and answered a lookup's
    /// _x_value as a property that does not exist.
    /// </summary>
    [Theory]
    [InlineData("cos_erpid")]
    [InlineData("_cos_accountid_value")]
    [InlineData("_transactioncurrencyid_value")]
    public async Task ExpandingAStructuralProperty_IsTheLibrarysNotANavigationOrComplexProperty400(string name)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync($"cos_receivables?$select=cos_erpid&$expand={name}");

        Assert.Equal((HttpStatusCode.BadRequest, "0x0"), (answer.Status, answer.ErrorCode));
        Assert.Equal($"Property '{name}' on type 'Microsoft.Dynamics.CRM.cos_receivable' is not a navigation property or complex property. Only navigation properties can be expanded.", answer.ErrorMessage);
    }

    [Fact]
    public async Task Control_TheSchemaNamesExpandAndFilter_AndTheUndeclaredOwnerStays501()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service, "Acme");
        SolutionRows.Receivable(host.Service, account);

        var currency = await host.GetAsync("cos_receivables?$select=cos_erpid&$expand=TransactionCurrencyId($select=isocurrencycode),cos_AccountId($select=name)");
        var owner = await host.GetAsync("cos_receivables?$select=cos_erpid&$expand=ownerid($select=fullname)");
        var otherCasing = await host.GetAsync("cos_receivables?$select=cos_erpid&$expand=transactionCurrencyId");
        var filtered = await host.GetAsync("cos_receivables?$select=cos_erpid&$filter=TransactionCurrencyId/isocurrencycode eq 'USD' and cos_AccountId/name eq 'Acme'");

        Assert.Equal(HttpStatusCode.OK, currency.Status);
        var row = currency.Json["value"]![0]!;
        Assert.Equal("Acme", row["cos_AccountId"]!["name"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(row["TransactionCurrencyId"]!["isocurrencycode"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.NotImplemented, "0x80040216"), (owner.Status, owner.ErrorCode)); // no relationship declared: not known here
        Assert.Equal((HttpStatusCode.BadRequest, "0x0"), (otherCasing.Status, otherCasing.ErrorCode)); // not a column: 400 before round 27 too
        Assert.Equal(HttpStatusCode.OK, filtered.Status);
        Assert.Single(filtered.Json["value"]!.AsArray());
    }
}
