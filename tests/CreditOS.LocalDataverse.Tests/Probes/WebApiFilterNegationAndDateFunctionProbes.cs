using System.Net;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// $filter's <c>not</c> and the Dataverse query functions beyond In/Between (session 16; both answered 501). "not | Logical negation |
/// $filter=not contains(name,'sample')" and "Records aren't returned if the expression evaluates to false or null" (Filter rows using
/// OData, webapi/query/filter-rows): a null column is in neither a condition nor its negation. "Each function has a PropertyName
/// parameter … may have more parameters, such as PropertyValue" (same page, "Dataverse query functions"); LastXDays' PropertyValue is an
/// Edm.Int64 (Web API Function Reference). The relative functions run on the local Dataverse's clock, users in UTC, weeks from Sunday.
/// </summary>
public sealed class WebApiFilterNegationAndDateFunctionProbes
{
    /// <summary>Wednesday 18 March 2026, 15:00 UTC; that week starts on Sunday the 15th.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 18, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("not contains(name,'sample')", new[] { "Empty", "Other" })]
    [InlineData("not (description eq 'x')", new[] { "Other" })]
    [InlineData("not (numberofemployees gt 10 and numberofemployees lt 100)", new[] { "Sample B" })]
    [InlineData("not Microsoft.Dynamics.CRM.In(PropertyName='description',PropertyValues=['y'])", new[] { "Sample B" })]
    [InlineData("not (description eq null) and not startswith(name,'Other')", new[] { "Sample B" })]
    [InlineData("numberofemployees ge 5 and not (name eq 'Sample B' or name eq 'Other')", new[] { "Empty" })]
    public async Task Not_NegatesItsTerm_AndLeavesOutNulls(string filter, string[] expected)
    {
        await using var host = await WebApiProbeHost.StartAsync();
        host.Service.Create(new Entity("account") { ["name"] = "Sample B", ["description"] = "x", ["numberofemployees"] = 500 });
        host.Service.Create(new Entity("account") { ["name"] = "Other", ["description"] = "y", ["numberofemployees"] = 50 });
        host.Service.Create(new Entity("account") { ["name"] = "Empty", ["numberofemployees"] = 50 });

        var answer = await host.GetAsync($"accounts?$select=name&$orderby=name&$filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(expected, answer.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task Not_BeforeAFunctionWithoutAComplement_IsRefusedAsNotImplemented()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("tasks?$select=subject&$filter=" + Uri.EscapeDataString("not Microsoft.Dynamics.CRM.LastXDays(PropertyName='scheduledstart',PropertyValue=3)"));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
    }

    [Theory]
    [InlineData("Today(PropertyName='scheduledstart')", new[] { "Today" })]
    [InlineData("Yesterday(PropertyName='scheduledstart')", new string[0])]
    [InlineData("Tomorrow(PropertyName='scheduledstart')", new[] { "Tomorrow" })]
    [InlineData("LastXDays(PropertyName='scheduledstart',PropertyValue=3)", new[] { "Monday", "Today" })]
    [InlineData("NextXDays(PropertyName='scheduledstart',PropertyValue=1)", new[] { "Tomorrow" })]
    [InlineData("OlderThanXDays(PropertyName='scheduledstart',PropertyValue=30)", new[] { "Old" })]
    [InlineData("ThisWeek(PropertyName='scheduledstart')", new[] { "Monday", "Today", "Tomorrow" })]
    [InlineData("LastWeek(PropertyName='scheduledstart')", new[] { "LastWeek" })]
    [InlineData("ThisMonth(PropertyName='scheduledstart')", new[] { "LastWeek", "Monday", "Today", "Tomorrow" })]
    [InlineData("On(PropertyName='scheduledstart',PropertyValue='2026-03-16')", new[] { "Monday" })]
    public async Task DateFunctions_SelectTheRowsOfTheirPeriod(string function, string[] expected)
    {
        await using var host = await WebApiProbeHost.StartAsync(solutionRole: null, new FixedClock(Now));
        foreach (var (subject, start) in new[]
        {
            ("Old", "2026-01-01T10:00:00Z"), ("LastWeek", "2026-03-10T10:00:00Z"), ("Monday", "2026-03-16T09:00:00Z"),
            ("Today", "2026-03-18T08:00:00Z"), ("Tomorrow", "2026-03-19T08:00:00Z"),
        })
        {
            host.Service.Create(new Entity("task") { ["subject"] = subject, ["scheduledstart"] = DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime() });
        }

        var answer = await host.GetAsync($"tasks?$select=subject&$filter={Uri.EscapeDataString("Microsoft.Dynamics.CRM." + function)}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(expected.Order(StringComparer.Ordinal), answer.Json["value"]!.AsArray().Select(row => row!["subject"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Microsoft.Dynamics.CRM.LastXDays(PropertyName='scheduledstart',PropertyValue='3')")]
    [InlineData("Microsoft.Dynamics.CRM.LastXDays(PropertyName='scheduledstart')")]
    [InlineData("Microsoft.Dynamics.CRM.Today(PropertyName='scheduledstart',PropertyValue=1)")]
    public async Task DateFunctions_WithTheWrongParameters_AreRefused_400(string filter)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("tasks?$select=subject&$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }

    [Fact]
    public async Task Under_SelectsTheRowsBelowInTheHierarchy()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var top = SolutionRows.Account(host.Service, "Top");
        var middle = host.Service.Create(new Entity("account") { ["name"] = "Middle", ["parentaccountid"] = new EntityReference("account", top) });
        host.Service.Create(new Entity("account") { ["name"] = "Bottom", ["parentaccountid"] = new EntityReference("account", middle) });
        SolutionRows.Account(host.Service, "Elsewhere");

        var under = await host.GetAsync($"accounts?$select=name&$orderby=name&$filter={Uri.EscapeDataString($"Microsoft.Dynamics.CRM.Under(PropertyName='accountid',PropertyValue='{top}')")}");
        var notUnder = await host.GetAsync($"accounts?$select=name&$orderby=name&$filter={Uri.EscapeDataString($"not Microsoft.Dynamics.CRM.Under(PropertyName='accountid',PropertyValue='{top}')")}");

        Assert.Equal(HttpStatusCode.OK, under.Status);
        Assert.Equal(["Bottom", "Middle"], under.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).ToArray());
        Assert.Equal(HttpStatusCode.OK, notUnder.Status);
        Assert.Equal(["Elsewhere", "Top"], notUnder.Json["value"]!.AsArray().Select(row => row!["name"]!.GetValue<string>()).ToArray());
    }
}
