using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Query options as Dataverse reads them ("Query data using the Web API" and "Filter rows",
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/query/overview): $filter with comparisons and the
/// contains/startswith/endswith functions, $orderby asc/desc, $top, $count=true (@odata.count), odata.maxpagesize with
/// @odata.nextLink. Dataverse refuses $skip; what the local host does not implement ($expand/$ref, $apply's countdistinct, the
/// Microsoft.Dynamics.CRM query functions) answers 501 and says so instead of an answer that only looks right.
/// </summary>
public sealed class WebApiQueryProbes
{
    [Fact]
    public async Task StringFunctions_Filter_AsContainsStartsWithAndEndsWith()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        foreach (var name in new[] { "Contoso Ltd", "Fabrikam Contoso", "Northwind", "100% Beans" })
        {
            SolutionRows.Account(host.Service, name);
        }

        async Task<string[]> Names(string filter) =>
            [.. (await host.GetAsync($"accounts?$select=name&$filter={Uri.EscapeDataString(filter)}&$orderby=name")).Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>())];

        Assert.Equal(["Contoso Ltd", "Fabrikam Contoso"], await Names("contains(name,'contoso')"));
        Assert.Equal(["Contoso Ltd"], await Names("startswith(name,'Contoso')"));
        Assert.Equal(["Fabrikam Contoso"], await Names("endswith(name,'Contoso')"));
        Assert.Equal(["100% Beans"], await Names("contains(name,'0%')"));
        Assert.Equal(["Northwind"], await Names("startswith(name,'N') or endswith(name,'Ltd') and name eq 'x'"));
    }

    [Fact]
    public async Task CountOrderAndTop_AreApplied()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        foreach (var name in new[] { "B", "C", "A" })
        {
            SolutionRows.Account(host.Service, name);
        }

        var answer = await host.GetAsync("accounts?$select=name&$orderby=name desc&$top=2&$count=true");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(3, answer.Json["@odata.count"]!.GetValue<int>()); // the rows matching, whatever $top
        Assert.Equal(["C", "B"], answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).ToArray());
        Assert.Equal(3, (await host.GetAsync("accounts?$select=name&$count=true")).Json["@odata.count"]!.GetValue<int>());
    }

    [Fact]
    public async Task MaxPageSize_PagesWithNextLink_UntilTheLastPage()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        for (var index = 0; index < 5; index++)
        {
            SolutionRows.Account(host.Service, $"Account {index}");
        }

        var names = new List<string>();
        var url = "accounts?$select=name&$orderby=name";
        var pages = 0;
        while (url is not null)
        {
            var page = await host.GetAsync(url, ("Prefer", "odata.maxpagesize=2"));
            Assert.Equal("odata.maxpagesize=2", page.Headers["Preference-Applied"]);
            names.AddRange(page.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()));
            url = page.Json["@odata.nextLink"]?.GetValue<string>().Replace(host.Server.ServiceRoot.AbsoluteUri, string.Empty, StringComparison.Ordinal);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(index => $"Account {index}"), names);
    }

    [Theory]
    [InlineData("accounts?$skip=2", HttpStatusCode.BadRequest, "0x80060888")]
    [InlineData("accounts?$orderby=name sideways", HttpStatusCode.BadRequest, "0x80060888")]
    [InlineData("accounts?$orderby=nosuchcolumn", HttpStatusCode.BadRequest, "0x0")] // "Could not find a property named …" (web-api-client-errors)
    [InlineData("accounts?$top=-1", HttpStatusCode.BadRequest, "0x80060888")]
    [InlineData("accounts?$count=maybe", HttpStatusCode.BadRequest, "0x80060888")]
    [InlineData("accounts?$unknown=1", HttpStatusCode.BadRequest, "0x80060888")]
    [InlineData("accounts?$filter=tolower(name) eq 'x'", HttpStatusCode.BadRequest, "0x80040203")]
    [InlineData("accounts?$expand=parentaccountid/$ref", HttpStatusCode.NotImplemented, "0x80040216")] // $expand itself works since session 14; $ref does not
    [InlineData("accounts?$apply=aggregate(creditlimit with countdistinct as total)", HttpStatusCode.NotImplemented, "0x80040216")]
    [InlineData("accounts?$filter=Microsoft.Dynamics.CRM.ThisFiscalYear(PropertyName='createdon')", HttpStatusCode.NotImplemented, "0x80040216")]
    [InlineData("accounts?$filter=not Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=3)", HttpStatusCode.NotImplemented, "0x80040216")]
    public async Task AQueryOptionDataverseRefuses_OrTheLocalHostDoesNotImplement_IsRefusedLoudly(string url, HttpStatusCode status, string code)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        SolutionRows.Account(host.Service);

        var answer = await host.GetAsync(url);

        Assert.Equal(status, answer.Status);
        Assert.Equal(code, answer.ErrorCode);
    }

    [Fact]
    public async Task AnnotationsAsked_AreApplied_AndText_HasNoFormattedValue()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var id = SolutionRows.Account(host.Service);

        var answer = await host.GetAsync($"accounts({id})?$select=name", ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""));

        // Formatted values are probed in WebApiAnnotationProbes; a text column has none.
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Null(answer.Json["name@OData.Community.Display.V1.FormattedValue"]);
        Assert.Equal("odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"", answer.Headers["Preference-Applied"]);
    }

    [Fact]
    public async Task ALookupFilter_OnItsValueProperty_FindsTheReferencingRows()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var parent = SolutionRows.Account(host.Service, "Parent");
        host.Service.Create(new Entity("account") { ["name"] = "Child", ["parentaccountid"] = new EntityReference("account", parent) });

        var answer = await host.GetAsync($"accounts?$select=name,_parentaccountid_value&$filter=_parentaccountid_value eq {parent}");

        var row = Assert.Single(answer.Json["value"]!.AsArray());
        Assert.Equal("Child", row!["name"]!.GetValue<string>());
        Assert.Equal(parent, row["_parentaccountid_value"]!.GetValue<Guid>());
    }
}
