using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The Dataverse query functions with a list of values, as "Filter rows using OData" (webapi/query/filter-rows) shows them:
/// "$filter=Microsoft.Dynamics.CRM.Between(PropertyName='numberofemployees',PropertyValues=["5","2000"])", In/NotIn with
/// PropertyValues, double quotes around a value holding an apostrophe (["OBrian","O'Brian"]), and, with single quotes, "Invalid JSON. A
/// comma character ',' was expected in scope 'Array'. Every two elements in an array and properties of an object must be separated by
/// commas." The local host answered 501 for every Microsoft.Dynamics.CRM function; In, NotIn, Between and NotBetween now run.
/// </summary>
public sealed class WebApiQueryFunctionProbes
{
    [Theory]
    [InlineData("Microsoft.Dynamics.CRM.Between(PropertyName='numberofemployees',PropertyValues=[\"5\",\"2000\"])", new[] { "Mid", "Small" })]
    [InlineData("Microsoft.Dynamics.CRM.NotBetween(PropertyName='numberofemployees',PropertyValues=[\"5\",\"2000\"])", new[] { "Large" })]
    [InlineData("Microsoft.Dynamics.CRM.In(PropertyName='lastname',PropertyValues=[\"OBrian\",\"O'Brian\"])", new[] { "Large", "Small" })]
    [InlineData("Microsoft.Dynamics.CRM.In(PropertyName='lastname',PropertyValues=['OBrian','Smith']) and numberofemployees gt 10", new[] { "Large", "Mid" })]
    [InlineData("Microsoft.Dynamics.CRM.NotIn(PropertyName='numberofemployees',PropertyValues=['5','50'])", new[] { "Large" })]
    public async Task ListFunctions_FilterLikeTheirConditionOperators(string filter, string[] expected)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        foreach (var (name, lastname, employees) in new[] { ("Small", "O'Brian", 5), ("Mid", "Smith", 50), ("Large", "OBrian", 5000) })
        {
            host.Service.Create(new Entity("account") { ["name"] = name, ["numberofemployees"] = employees, ["description"] = lastname });
        }

        var accountsFilter = filter.Replace("'lastname'", "'description'", StringComparison.Ordinal);
        var answer = await host.GetAsync($"accounts?$select=name&$orderby=name desc&$filter={Uri.EscapeDataString(accountsFilter)}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(expected.OrderDescending(StringComparer.Ordinal), answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnApostropheInASingleQuotedValue_IsInvalidJson()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString("Microsoft.Dynamics.CRM.In(PropertyName='description',PropertyValues=['OBrian','O'Brian'])"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Invalid JSON. A comma character ',' was expected in scope 'Array'. Every two elements in an array and properties of an object must be separated by commas.", answer.ErrorMessage);
    }

    /// <summary>The fiscal-period functions (no fiscal settings here), EqualUserLanguage and ContainValues stay refused (session 16).</summary>
    [Theory]
    [InlineData("Microsoft.Dynamics.CRM.InFiscalYear(PropertyName='createdon',PropertyValue=2026)")]
    [InlineData("Microsoft.Dynamics.CRM.ThisFiscalPeriod(PropertyName='createdon')")]
    [InlineData("Microsoft.Dynamics.CRM.EqualUserLanguage(PropertyName='description')")]
    public async Task OtherFunctions_AreStillNotImplemented(string filter)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$select=name&$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
    }
}
