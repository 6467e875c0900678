using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Web API round 13 (session 21): the $apply examples of "Aggregate data using OData" (webapi/query/aggregate-data) the local host
/// answered 501. "Total account revenue by primary contact name", <c>groupby((primarycontactid/fullname),aggregate(revenue with sum as
/// total))</c>, answers each group's contact name as <c>"contact_fullname"</c>; "Primary contact names for accounts in 'WA'" filters
/// first, <c>filter(…)/groupby((primarycontactid/fullname))</c>. Every example sends <c>Prefer: odata.include-annotations=
/// "OData.Community.Display.V1.FormattedValue"</c> and shows <c>"statuscode@OData.Community.Display.V1.FormattedValue": "Active"</c>,
/// <c>"count@…": "8"</c>, <c>"total@…": "$440,000.00"</c> for revenue 440000, <c>"lastCreate@…": "3/25/2023 10:42 AM"</c>, and
/// no formatted value for the text group contact_fullname.
/// </summary>
public sealed class WebApiApplyRelatedGroupProbes
{
    private const string FormattedValues = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"";
    private const string Formatted = "@OData.Community.Display.V1.FormattedValue";

    [Fact]
    public async Task GroupByThePrimaryContactsFullName_AnswersContactFullname_AndTheRowsWithoutOneAsTheNullGroup()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Seed(host);

        var answer = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString("groupby((primarycontactid/fullname),aggregate(revenue with sum as total))"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.EndsWith("$metadata#accounts", answer.Json["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        var totals = answer.Json["value"]!.AsArray().Select(row => row!.AsObject())
            .ToDictionary(row => row.TryGetPropertyValue("contact_fullname", out var name) ? name!.GetValue<string>() : "(none)", row => row["total"]!.GetValue<decimal>());
        Assert.Equal(new Dictionary<string, decimal> { ["Jim Glynn"] = 30_000m, ["Maria Campbell"] = 80_000m, ["(none)"] = 5_000m }, totals);
    }

    [Fact]
    public async Task FilterThenGroupByThePrimaryContactsFullName_AnswersTheDistinctNamesOfTheFilteredRows()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Seed(host);

        var answer = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString("filter(revenue ge 20000)/groupby((primarycontactid/fullname))"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var names = answer.Json["value"]!.AsArray().Select(row => row!["contact_fullname"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["Jim Glynn", "Maria Campbell"], names);
    }

    [Fact]
    public async Task CountByStatus_WithFormattedValues_AnswersTheLabelsAndTheCounts()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Seed(host);

        var answer = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString("groupby((statuscode),aggregate($count as count))"), ("Prefer", FormattedValues));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"", answer.Headers["Preference-Applied"]);
        var row = Assert.Single(answer.Json["value"]!.AsArray())!;
        Assert.Equal(1, row["statuscode"]!.GetValue<int>());
        Assert.Equal("Active", row["statuscode" + Formatted]!.GetValue<string>());
        Assert.Equal(4, row["count"]!.GetValue<int>());
        Assert.Equal("4", row["count" + Formatted]!.GetValue<string>());
    }

    [Fact]
    public async Task SumOfRevenue_WithFormattedValues_AnswersTheAmountWithTheCurrencySymbol_AndNoneForATextGroup()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Seed(host);

        var sum = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString("aggregate(revenue with sum as total)"), ("Prefer", FormattedValues));
        var byContact = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString("filter(revenue ge 80000)/groupby((primarycontactid/fullname),aggregate(revenue with sum as total))"), ("Prefer", FormattedValues));

        Assert.Equal(HttpStatusCode.OK, sum.Status);
        var total = Assert.Single(sum.Json["value"]!.AsArray())!;
        Assert.Equal(115_000m, total["total"]!.GetValue<decimal>());
        Assert.Equal("$115,000.00", total["total" + Formatted]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, byContact.Status);
        var group = Assert.Single(byContact.Json["value"]!.AsArray())!.AsObject();
        Assert.Equal("Maria Campbell", group["contact_fullname"]!.GetValue<string>());
        Assert.Equal("$80,000.00", group["total" + Formatted]!.GetValue<string>());
        Assert.False(group.ContainsKey("contact_fullname" + Formatted));
    }

    [Fact]
    public async Task LastCreated_WithFormattedValues_AnswersTheDateInTheUsersFormat()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        Seed(host);

        var answer = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString("aggregate(createdon with max as lastCreate)"), ("Prefer", FormattedValues));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var row = Assert.Single(answer.Json["value"]!.AsArray())!;
        var last = DateTime.Parse(row["lastCreate"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(last.ToString("M/d/yyyy h:mm tt", CultureInfo.InvariantCulture), row["lastCreate" + Formatted]!.GetValue<string>());
    }

    [Theory]
    [InlineData("groupby((primarycontactid/parentcustomerid_account/name))")] // a deeper path: its answer's name is not documented
    [InlineData("groupby((primarycontactid/_parentcustomerid_value))")]       // a lookup of the related row: its shape is not documented
    [InlineData("groupby((primarycontactid/fullname),aggregate($count as contact_fullname))")] // a name used twice
    public async Task WhatIsNotDocumented_IsRefused501(string apply)
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString(apply));

        Assert.Equal(HttpStatusCode.NotImplemented, answer.Status);
        Assert.Equal("0x80040216", answer.ErrorCode);
    }

    [Fact]
    public async Task GroupByARelatedDateTime_IsRefusedAsGroupingByDates()
    {
        await using var host = await WebApiProbeHost.StartAsync();

        var answer = await host.GetAsync("accounts?$apply=" + Uri.EscapeDataString("groupby((primarycontactid/createdon))"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }

    /// <summary>Jim Glynn is the primary contact of two accounts (10,000 and 20,000), Maria Campbell of one (80,000); one has none (5,000).</summary>
    private static void Seed(WebApiProbeHost host)
    {
        var jim = host.Service.Create(new Entity("contact") { ["firstname"] = "Jim", ["lastname"] = "Glynn" });
        var maria = host.Service.Create(new Entity("contact") { ["firstname"] = "Maria", ["lastname"] = "Campbell" });
        host.Service.Create(new Entity("account") { ["name"] = "A", ["revenue"] = new Money(10_000m), ["primarycontactid"] = new EntityReference("contact", jim) });
        host.Service.Create(new Entity("account") { ["name"] = "B", ["revenue"] = new Money(20_000m), ["primarycontactid"] = new EntityReference("contact", jim) });
        host.Service.Create(new Entity("account") { ["name"] = "C", ["revenue"] = new Money(80_000m), ["primarycontactid"] = new EntityReference("contact", maria) });
        host.Service.Create(new Entity("account") { ["name"] = "D", ["revenue"] = new Money(5_000m) });
    }
}
