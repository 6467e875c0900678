using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The name of a Dataverse query function in $filter (round 28). "You must use the function's fully qualified name and append the Service
/// namespace (Microsoft.Dynamics.CRM) to the name of the function", and the groups of "Dataverse query functions" are the complete list
/// (Filter rows using OData, webapi/query/filter-rows); the Web API's names are case-sensitive ("These resource names are case-sensitive",
/// Troubleshoot Dataverse Web API client errors; "$select=Name" is refused). The OData library Dataverse runs on, with its case-sensitive
/// resolver, answers a name it does not find with "An unknown function with name '…' was found. This may also be a function import or a
/// key lookup on a navigation property, which is not allowed." (odata.net, ParseWithMixedCaseCustomUriFunction_DisableCaseInsensitive_
/// ShouldFailed), code 0x0 as its other URI parser errors. The local host answered every such name 501 ("does not implement"), as if
/// Dataverse might read it.
/// </summary>
public sealed class WebApiQueryFunctionNameProbes
{
    [Theory]
    [InlineData("Microsoft.Dynamics.CRM.lastxdays", "(PropertyName='createdon',PropertyValue=3)")]
    [InlineData("Microsoft.Dynamics.CRM.LASTXDAYS", "(PropertyName='createdon',PropertyValue=3)")]
    [InlineData("microsoft.dynamics.crm.LastXDays", "(PropertyName='createdon',PropertyValue=3)")]
    [InlineData("Microsoft.Dynamics.CRM.today", "(PropertyName='createdon')")]
    [InlineData("Microsoft.Dynamics.CRM.in", "(PropertyName='name',PropertyValues=['Contoso'])")]
    [InlineData("Microsoft.Dynamics.CRM.LastXDay", "(PropertyName='createdon',PropertyValue=3)")]
    public async Task AFunctionNameInTheWrongCase_OrNoDataverseFunction_IsAnUnknownFunction_400(string name, string arguments)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString(name + arguments));

        Assert.Equal((HttpStatusCode.BadRequest, "0x0"), (answer.Status, answer.ErrorCode));
        Assert.Equal(
            $"An unknown function with name '{name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.",
            answer.ErrorMessage);
    }

    /// <summary>
    /// The library's own functions are found by exact name too (its BuiltInUriFunctions dictionary is StringComparer.Ordinal); the local host
    /// answered 400 0x80040203 "… is not a function Dataverse supports in $filter", Dataverse's wording for a function the library knows.
    /// </summary>
    [Theory]
    [InlineData("Contains(name,'Con')", "Contains")]
    [InlineData("StartsWith(name,'Con')", "StartsWith")]
    [InlineData("ENDSWITH(name,'so')", "ENDSWITH")]
    [InlineData("LastXDays(PropertyName='createdon',PropertyValue=3)", "LastXDays")] // a Dataverse function without its namespace ("You must use the function's fully qualified name")
    public async Task AnODataFunctionInTheWrongCase_IsAnUnknownFunction_400(string filter, string name)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal((HttpStatusCode.BadRequest, "0x0"), (answer.Status, answer.ErrorCode));
        Assert.StartsWith($"An unknown function with name '{name}' was found.", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongCaseName_InsideAnd_IsRefusedTheSameWay()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString("name eq 'x' and Microsoft.Dynamics.CRM.thisyear(PropertyName='createdon')"));

        Assert.Equal((HttpStatusCode.BadRequest, "0x0"), (answer.Status, answer.ErrorCode));
        Assert.StartsWith("An unknown function with name 'Microsoft.Dynamics.CRM.thisyear' was found.", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_TheExactNames_AreRead_AndADataverseFunctionNotReadLocally_Stays501()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var lastDays = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString("Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=3)"));
        var fiscal = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString("Microsoft.Dynamics.CRM.InFiscalYear(PropertyName='createdon',PropertyValue=2026)"));

        Assert.Equal(HttpStatusCode.OK, lastDays.Status);
        Assert.Equal((HttpStatusCode.NotImplemented, "0x80040216"), (fiscal.Status, fiscal.ErrorCode));
    }
}
