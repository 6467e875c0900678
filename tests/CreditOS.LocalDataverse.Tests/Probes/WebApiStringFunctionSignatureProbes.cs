using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 11 (session 19): contains, startswith and endswith take two Edm.String arguments. On a number, choice, date, money or
/// lookup column, with a literal that is not a string, or with another number of arguments, the OData library's function binder fails
/// before Dataverse translates the query: "No function signature for the function with name 'contains' matches the specified
/// arguments. The function signatures considered are: contains(Edm.String Nullable=true, Edm.String Nullable=true)."
/// (MetadataBinder_NoApplicableFunctionFound, OData/odata.net), answered with 0x0 as Dataverse answers the library's URI errors
/// ("Could not find a property named …", Troubleshoot Dataverse Web API client errors). The local host answered 0x80040203 in its
/// own words.
/// </summary>
public sealed class WebApiStringFunctionSignatureProbes
{
    [Theory]
    [InlineData("contains", "contains(numberofemployees,'5')")]
    [InlineData("startswith", "startswith(creditlimit,'1')")]
    [InlineData("endswith", "endswith(createdon,'5')")]
    [InlineData("contains", "contains(statecode,'1')")]
    [InlineData("startswith", "startswith(_primarycontactid_value,'5')")]
    [InlineData("contains", "contains(name,5)")]
    [InlineData("contains", "contains(name)")]
    [InlineData("endswith", "endswith(name,'a','b')")]
    public async Task AStringFunctionOnOtherThanTwoStrings_Answers400_0x0_NoFunctionSignature(string function, string filter)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("0x0", answer.ErrorCode);
        Assert.Equal(
            $"No function signature for the function with name '{function}' matches the specified arguments. The function signatures considered are: {function}(Edm.String Nullable=true, Edm.String Nullable=true).",
            answer.ErrorMessage);
    }

    /// <summary>Control: on a text column with a quoted string the function filters as before.</summary>
    [Fact]
    public async Task OnATextColumnWithAString_ItFilters()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "Contoso" });
        host.Service.Create(new Entity("account") { ["name"] = "Fabrikam" });

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString("contains(name,'tos')"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["Contoso"], answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()));
    }
}
