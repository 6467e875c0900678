using System.Net;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Probes.Support;
using CreditOS.LocalDataverse.Tests.Query.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 20 (session 28): the relative "next" operators on a DateOnly column, which round 19 left. They are supported there: "Time-related
/// query operators are not supported for the DateOnly behavior … Older Than X Minutes, Older Than X Hours, Last X Hours, Next X Hours.
/// Other than the time-specific query operators listed here, all the other query operators are supported" (Behavior and format of the
/// date and time column, learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute, "Date and time query
/// operators not supported for DateOnly behavior"). next-x-days is "The value is within the next X days" (FetchXml condition operators,
/// fetchxml/reference/operators); whether that window opens at the current time or at the start of today for a value with no time of
/// day is not documented. The local Dataverse opened it at the clock's moment, so a date dated today (kept at 12:00 AM) was not "within
/// the next 3 days", an answer that only looks right. It now refuses next-seven-days and next-x-days/weeks/months/years on a DateOnly
/// column as not implemented (0x80040216, 501 over the Web API). The "last" operators close at the moment and open at a midnight, so
/// every date they reach is the same whichever way Dataverse counts: still answered. account.cos_limitreviewon is DateOnly (Behavior 2).
/// </summary>
public sealed class DateOnlyNextOperatorProbes
{
    private static readonly DateTime Now = new(2026, 12, 6, 15, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("next-x-days", "3")]
    [InlineData("next-x-weeks", "1")]
    [InlineData("next-x-months", "1")]
    [InlineData("next-x-years", "1")]
    [InlineData("next-seven-days", null)]
    public void ANextOperator_OnADateOnlyColumn_IsNotImplemented(string op, string? count)
    {
        using var dataverse = new LocalDataverse(new LocalDataverseOptions { Clock = new FixedClock(new DateTimeOffset(Now)) });
        var service = dataverse.GetOrganizationService();
        ReviewedOn(service, Now.Date);

        var fault = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.RetrieveMultiple(Fetch("cos_limitreviewon", op, count)));

        Assert.StartsWith("The local Dataverse does not implement", fault.Message, StringComparison.Ordinal);
        Assert.Contains("'account.cos_limitreviewon'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameOperator_OnADateAndTimeColumn_IsStillAnswered_FromTheMoment()
    {
        using var dataverse = new LocalDataverse(new LocalDataverseOptions { Clock = new FixedClock(new DateTimeOffset(Now)) });
        var service = dataverse.GetOrganizationService();
        ReviewedOn(service, Now.Date);

        // createdon is the clock's moment: within the next 3 days counted from that moment, and within the last day.
        Assert.Single(service.RetrieveMultiple(Fetch("createdon", "next-x-days", "3")).Entities);
        Assert.Single(service.RetrieveMultiple(Fetch("createdon", "last-x-days", "1")).Entities);
    }

    [Fact]
    public void TheLastOperators_OnADateOnlyColumn_ReachTodaysDate()
    {
        using var dataverse = new LocalDataverse(new LocalDataverseOptions { Clock = new FixedClock(new DateTimeOffset(Now)) });
        var service = dataverse.GetOrganizationService();
        ReviewedOn(service, Now.Date);
        ReviewedOn(service, Now.Date.AddDays(-3));
        ReviewedOn(service, Now.Date.AddDays(-4));

        Assert.Equal(2, service.RetrieveMultiple(Fetch("cos_limitreviewon", "last-x-days", "3")).Entities.Count);
        Assert.Equal(3, service.RetrieveMultiple(Fetch("cos_limitreviewon", "last-seven-days", null)).Entities.Count);
    }

    [Fact]
    public async Task TheNextXDaysFunction_OnADateOnlyColumn_Is501_OverTheWebApi()
    {
        await using var host = await WebApiProbeHost.StartAsync(null, new FixedClock(new DateTimeOffset(Now)));
        ReviewedOn(host.Service, Now.Date);

        var dateOnly = await host.GetAsync("accounts?$select=name&$filter=Microsoft.Dynamics.CRM.NextXDays(PropertyName='cos_limitreviewon',PropertyValue=3)");
        var dateAndTime = await host.GetAsync("accounts?$select=name&$filter=Microsoft.Dynamics.CRM.NextXDays(PropertyName='createdon',PropertyValue=3)");

        Assert.Equal(HttpStatusCode.NotImplemented, dateOnly.Status);
        Assert.Equal("0x80040216", dateOnly.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, dateAndTime.Status);
    }

    private static void ReviewedOn(IOrganizationService service, DateTime day) =>
        service.Create(new Entity("account") { ["name"] = $"Reviewed {day:yyyy-MM-dd}", ["cos_limitreviewon"] = day });

    private static FetchExpression Fetch(string column, string op, string? count) => new(
        $"<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='{column}' operator='{op}'{(count is null ? string.Empty : $" value='{count}'")}/></filter></entity></fetch>");
}
