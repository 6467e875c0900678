using System.Net;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Query.Support;
using CreditOS.LocalDataverse.Tests.Support;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 19 (session 27): the TimeZoneIndependent behaviour round 18 left. "Stores the actual date and time values in the system
/// regardless of the user time zone. For the retrieve and update operations, no time zone conversion is performed, and actual date and
/// time values are returned and updated respectively … For the Web API, the column is exposed as DateTimeOffset" (Behavior and format of
/// the date and time column, learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute). The Web API
/// writes such a value with <c>Z</c> (MicrosoftDocs/dynamics-365-customer-engagement issue 2934, from a live environment).
/// <para>
/// The local Dataverse kept these columns as UTC and converted a DateTimeKind.Local value (SDK) or a non-zero offset (Web API) to UTC:
/// a time zone conversion the column does not make, and, for Local, one that depends on the machine the test runs on. What Dataverse does
/// with either is not documented, so both are now refused as not implemented; the date and time given as Unspecified/Utc or with Z is
/// kept as given. The solution declares no such column: cos_receivable.cos_disputedon is made one here (<see cref="MetadataWithBehavior"/>).
/// </para>
/// </summary>
public sealed class TimeZoneIndependentProbes
{
    private const string Table = "cos_receivable";
    private const string Column = "cos_disputedon";
    private static readonly DateTime Now = new(2026, 12, 6, 21, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ALocalValue_ForATimeZoneIndependentColumn_IsRefused_NotConvertedWithTheMachinesTimeZone()
    {
        using var dataverse = TimeZoneIndependent();
        var service = dataverse.GetOrganizationService();
        var receivable = SolutionRows.Receivable(service, SolutionRows.Account(service));

        var fault = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.Update(new Entity(Table, receivable)
        {
            [Column] = new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Local),
        }));

        Assert.Contains($"a DateTimeKind.Local value for the TimeZoneIndependent column '{Column}'", fault.Message, StringComparison.Ordinal);
        Assert.False(service.Retrieve(Table, receivable, new ColumnSet(Column)).Contains(Column));
    }

    [Fact]
    public void AnUnspecifiedOrUtcValue_IsKeptAsGiven_ThroughTheOrganizationService()
    {
        using var dataverse = TimeZoneIndependent();
        var service = dataverse.GetOrganizationService();
        var account = SolutionRows.Account(service);
        var morning = SolutionRows.Receivable(service, account, "INV-1");
        var evening = SolutionRows.Receivable(service, account, "INV-2");

        service.Update(new Entity(Table, morning) { [Column] = new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Unspecified) });
        service.Update(new Entity(Table, evening) { [Column] = new DateTime(2026, 12, 6, 23, 30, 0, DateTimeKind.Utc) });

        Assert.Equal(new DateTime(2026, 12, 6, 10, 0, 0), service.Retrieve(Table, morning, new ColumnSet(Column)).GetAttributeValue<DateTime>(Column));
        Assert.Equal(new DateTime(2026, 12, 6, 23, 30, 0), service.Retrieve(Table, evening, new ColumnSet(Column)).GetAttributeValue<DateTime>(Column));
    }

    [Fact]
    public void ALocalValue_InAConditionOnATimeZoneIndependentColumn_IsRefused_AnUnspecifiedOneFindsTheRow()
    {
        using var dataverse = TimeZoneIndependent();
        var service = dataverse.GetOrganizationService();
        var receivable = SolutionRows.Receivable(service, SolutionRows.Account(service));
        service.Update(new Entity(Table, receivable) { [Column] = new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc) });

        var local = Query(new ConditionExpression(Column, ConditionOperator.Equal, new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Local)));
        var unspecified = Query(new ConditionExpression(Column, ConditionOperator.Equal, new DateTime(2026, 12, 6, 10, 0, 0, DateTimeKind.Unspecified)));

        var fault = Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => service.RetrieveMultiple(local));
        Assert.Contains($"TimeZoneIndependent column '{Table}.{Column}'", fault.Detail.Message, StringComparison.Ordinal);
        Assert.Equal(receivable, Assert.Single(service.RetrieveMultiple(unspecified).Entities).Id);
    }

    [Fact]
    public async Task ANonZeroOffset_ForATimeZoneIndependentColumn_Is501_InTheBodyAndInTheFilter()
    {
        await using var host = await WebApiProbeHost.StartAsync(null, Options());
        var receivable = SolutionRows.Receivable(host.Service, SolutionRows.Account(host.Service));

        var written = await host.SendAsync(HttpMethod.Patch, $"cos_receivables({receivable})", new JsonObject { [Column] = "2026-12-06T10:00:00+02:00" });
        var filtered = await host.GetAsync($"cos_receivables?$select=cos_invoicenumber&$filter={Column} eq 2026-12-06T10:00:00%2B02:00");

        Assert.Equal(HttpStatusCode.NotImplemented, written.Status);
        Assert.Equal("0x80040216", written.ErrorCode);
        Assert.Contains($"for the TimeZoneIndependent column '{Column}'", written.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotImplemented, filtered.Status);
        Assert.False(host.Service.Retrieve(Table, receivable, new ColumnSet(Column)).Contains(Column));
    }

    [Fact]
    public async Task TheWallClockWithZ_IsKeptAndReturnedAsGiven_OverTheWebApi()
    {
        await using var host = await WebApiProbeHost.StartAsync(null, Options());
        var receivable = SolutionRows.Receivable(host.Service, SolutionRows.Account(host.Service));

        var written = await host.SendAsync(HttpMethod.Patch, $"cos_receivables({receivable})", new JsonObject { [Column] = "2026-12-06T10:00:00Z" });
        var row = (await host.GetAsync($"cos_receivables({receivable})?$select={Column}")).Json;
        var found = await host.GetAsync($"cos_receivables?$select=cos_invoicenumber&$filter={Column} eq 2026-12-06T10:00:00Z");

        Assert.Equal(HttpStatusCode.NoContent, written.Status);
        Assert.Equal("2026-12-06T10:00:00Z", row[Column]!.GetValue<string>());
        Assert.Single(found.Json["value"]!.AsArray());
        Assert.Equal(new DateTime(2026, 12, 6, 10, 0, 0), host.Service.Retrieve(Table, receivable, new ColumnSet(Column)).GetAttributeValue<DateTime>(Column));
    }

    /// <summary>The user-local column is unchanged: an offset is converted to the UTC instant it stands for, as Microsoft's example shows.</summary>
    [Fact]
    public async Task AUserLocalColumn_StillConvertsAnOffsetToUtc()
    {
        await using var host = await WebApiProbeHost.StartAsync();
        var receivable = SolutionRows.Receivable(host.Service, SolutionRows.Account(host.Service));

        var written = await host.SendAsync(HttpMethod.Patch, $"cos_receivables({receivable})", new JsonObject { [Column] = "2026-12-06T10:00:00+02:00" });

        Assert.Equal(HttpStatusCode.NoContent, written.Status);
        Assert.Equal(new DateTime(2026, 12, 6, 8, 0, 0), host.Service.Retrieve(Table, receivable, new ColumnSet(Column)).GetAttributeValue<DateTime>(Column));
    }

    /// <summary>
    /// The date operators on a TimeZoneIndependent column read its date and time as stored; the local users are in UTC, so "today" and the
    /// day of a value are the same for UserLocal and TimeZoneIndependent columns. The hour operators stay allowed (only DateOnly refuses them:
    /// "Date and time query operators not supported for DateOnly behavior").
    /// </summary>
    [Theory]
    [InlineData("on", "2026-12-06", "late")]
    [InlineData("on-or-after", "2026-12-06", "late")]
    [InlineData("on-or-before", "2026-12-05", "early,old")]
    [InlineData("last-x-days", "1", "early,late")]
    [InlineData("olderthan-x-months", "1", "old")]
    [InlineData("last-x-hours", "2", "late")]
    public void TheFetchXmlDateOperators_ReadTheStoredDateAndTime(string op, string value, string expected)
    {
        using var dataverse = TimeZoneIndependent();
        var service = dataverse.GetOrganizationService();
        var account = SolutionRows.Account(service);
        Disputed(service, account, "old", new DateTime(2026, 10, 1, 12, 0, 0, DateTimeKind.Unspecified));
        Disputed(service, account, "early", new DateTime(2026, 12, 5, 23, 30, 0, DateTimeKind.Unspecified));
        Disputed(service, account, "late", new DateTime(2026, 12, 6, 20, 0, 0, DateTimeKind.Unspecified));

        var rows = service.RetrieveMultiple(new FetchExpression(
            $"<fetch><entity name='{Table}'><attribute name='cos_invoicenumber' /><order attribute='cos_invoicenumber' /><filter><condition attribute='{Column}' operator='{op}' value='{value}' /></filter></entity></fetch>"));

        Assert.Equal(expected, string.Join(",", rows.Entities.Select(row => row.GetAttributeValue<string>("cos_invoicenumber"))));
    }

    private static void Disputed(IOrganizationService service, Guid account, string invoice, DateTime on) =>
        service.Update(new Entity(Table, SolutionRows.Receivable(service, account, invoice)) { [Column] = on });

    private static QueryExpression Query(ConditionExpression condition)
    {
        var query = new QueryExpression(Table) { ColumnSet = new ColumnSet("cos_invoicenumber") };
        query.Criteria.AddCondition(condition);
        return query;
    }

    private static LocalDataverseOptions Options() => new()
    {
        Metadata = MetadataWithBehavior.For(Table, Column, DateTimeBehavior.TimeZoneIndependent),
        Clock = new FixedClock(new DateTimeOffset(Now)),
    };

    private static LocalDataverse TimeZoneIndependent() => new(Options());
}
