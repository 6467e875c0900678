using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 16 (session 24): requests whose refusal the local host worded as if a property did not exist, or read on the
/// wrong row. Dataverse parses the query with the OData library (OData/odata.net), whose resource strings give the wording:
/// MetadataBinder_LambdaParentMustBeCollection "Any/All may only be used following a collection.",
/// ExpandItemBinder_PropertyIsNotANavigationProperty "Property '{0}' on type '{1}' is not a navigation property. Only navigation
/// properties can be expanded." (since round 27 the current library's ExpandItemBinder_PropertyIsNotANavigationPropertyOrComplexProperty, "…
/// is not a navigation property or complex property. …", which live environments answer), MetadataBinder_PropertyAccessSourceNotSingleValue "The parent value for a property access of a
/// property '{0}' is not a single value. Property access can only be applied to a single value.",
/// UriQueryExpressionParser_RangeVariableAlreadyDeclared "The range variable '{0}' has already been declared."; 0x0 is the code
/// Dataverse answers for the library's URI errors (round 11).
/// </summary>
public sealed class WebApiRoundSixteenProbes
{
    [Theory]
    [InlineData("contacts?$select=lastname&$filter=parentcustomerid_account/any(a:a/name eq 'x')")]
    [InlineData("accounts?$select=name&$filter=name/any(a:a eq 'x')")]
    [InlineData("accounts?$select=name&$filter=_cos_credittierid_value/any(a:a eq 'x')")]
    public async Task ALambdaOnWhatIsNotACollection_IsRefusedAsTheODataLibraryRefusesIt(string url)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync(url);

        AssertUriError(answer, "Any/All may only be used following a collection.");
    }

    [Fact]
    public async Task ExpandingAColumn_SaysItIsNotANavigationProperty_AnUnknownNameStillDoesNotExist()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var column = await host.GetAsync("accounts?$select=name&$expand=name");
        var unknown = await host.GetAsync("accounts?$select=name&$expand=bogus");

        // Round 27: the wording a live environment answers ("… is not a navigation property or complex property. …"; WebApiNavigationNameProbes).
        AssertUriError(column, "Property 'name' on type 'Microsoft.Dynamics.CRM.account' is not a navigation property or complex property. Only navigation properties can be expanded.");
        Assert.Equal("Could not find a property named 'bogus' on type 'Microsoft.Dynamics.CRM.account'.", unknown.ErrorMessage);
    }

    [Fact]
    public async Task APropertyOfACollection_OutsideALambda_Is400NotNotImplemented()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$filter=contact_customer_accounts/lastname eq 'Smith'");

        AssertUriError(answer, "The parent value for a property access of a property 'lastname' is not a single value. Property access can only be applied to a single value.");
    }

    [Fact]
    public async Task ARangeVariableDeclaredAgain_IsRefused_NotHiddenByTheInnerOne()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$filter=contact_customer_accounts/any(c:c/lastname eq 'Smith' and c/contact_customer_contacts/any(c:c/lastname eq 'Jones'))");

        AssertUriError(answer, "The range variable 'c' has already been declared.");
    }

    /// <summary>
    /// Inside a lambda a collection named without the range variable is the outer row's ($it). The local host read it on the lambda's
    /// table: a contact has no contact_customer_accounts, so it answered "Could not find a property", and where both tables had the
    /// collection it filtered on the wrong rows. What Dataverse does with $it there is not documented: 501.
    /// </summary>
    [Fact]
    public async Task ACollectionOfTheOuterRowInsideALambda_IsNotImplemented_NotReadOnTheLambdasRow()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var account = SolutionRows.Account(host.Service, "Contoso");
        host.Service.Create(new Entity("contact") { ["lastname"] = "Smith", ["parentcustomerid"] = new EntityReference("account", account) });

        var answer = await host.GetAsync("accounts?$select=name&$filter=contact_customer_accounts/any(c:c/lastname eq 'Smith' and contact_customer_accounts/any(d:d/lastname eq 'Smith'))");

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
        Assert.Contains("($it)", answer.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>A refusal of the OData library's URI parser: 400 with code 0x0 and its wording.</summary>
    private static void AssertUriError(WebApiProbeHost.Answer answer, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x0", answer.ErrorCode);
        Assert.Equal(message, answer.ErrorMessage);
    }
}
