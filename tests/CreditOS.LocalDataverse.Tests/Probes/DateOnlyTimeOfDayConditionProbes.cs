using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Tests.Query.Support;
using CreditOS.LocalDataverse.Tests.Support;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// Round 20 (session 28): a comparison value with a time of day on a DateOnly column, which round 19 left. Such a column "stores the date
/// value with the time value as 12:00 AM (00:00:00) without the time zone information" (DateTimeBehavior.DateOnly field,
/// learn.microsoft.com/dotnet/api/microsoft.xrm.sdk.metadata.datetimebehavior.dateonly); whether Dataverse drops the time of a condition
/// value before comparing, as it drops it from a value it stores, is not documented. The local Dataverse compared the value as given: eq
/// 2026-12-06 10:00 found no row dated that day, lt found it, an answer that only looks right. It now refuses eq, ne, gt, ge, lt, le, in,
/// not-in, between and not-between with a time of day on a DateOnly column as not implemented (0x80040216); the same value at midnight is
/// answered as before, and the day operators (on, on-or-before, on-or-after: "The value is on the specified date", FetchXml condition
/// operators) take the value's date. account.cos_limitreviewon is DateOnly (Behavior 2).
/// </summary>
public sealed class DateOnlyTimeOfDayConditionProbes
{
    private static readonly DateTime Day = new(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Morning = Day.AddHours(10);

    [Theory]
    [InlineData(ConditionOperator.Equal)]
    [InlineData(ConditionOperator.NotEqual)]
    [InlineData(ConditionOperator.GreaterThan)]
    [InlineData(ConditionOperator.GreaterEqual)]
    [InlineData(ConditionOperator.LessThan)]
    [InlineData(ConditionOperator.LessEqual)]
    [InlineData(ConditionOperator.In)]
    public void AValueWithATimeOfDay_OnADateOnlyColumn_IsNotImplemented(ConditionOperator op)
    {
        using var dataverse = Dataverse();
        var service = dataverse.GetOrganizationService();
        Reviewed(service);

        var fault = FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.RetrieveMultiple(Query(new ConditionExpression("cos_limitreviewon", op, Morning))));

        Assert.StartsWith($"The local Dataverse does not implement the {op} condition on the DateOnly column 'account.cos_limitreviewon' with the time of day 10:00:00", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABetweenOrAFetchXmlValue_WithATimeOfDay_IsNotImplemented()
    {
        using var dataverse = Dataverse();
        var service = dataverse.GetOrganizationService();
        Reviewed(service);

        FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.RetrieveMultiple(Query(new ConditionExpression("cos_limitreviewon", ConditionOperator.Between, Day, Morning))));
        FaultAssert.Throws(DataverseErrorCodes.UnexpectedError, () => service.RetrieveMultiple(Fetch("eq", "2026-12-06T10:00:00")));
    }

    [Fact]
    public void TheDateAtMidnight_AndTheDayOperators_AreAnsweredAsBefore()
    {
        using var dataverse = Dataverse();
        var service = dataverse.GetOrganizationService();
        var reviewed = Reviewed(service);

        Assert.Equal(reviewed, Assert.Single(service.RetrieveMultiple(Query(new ConditionExpression("cos_limitreviewon", ConditionOperator.Equal, Day))).Entities).Id);
        Assert.Equal(reviewed, Assert.Single(service.RetrieveMultiple(Fetch("eq", "2026-12-06")).Entities).Id);
        Assert.Equal(reviewed, Assert.Single(service.RetrieveMultiple(Fetch("on", "2026-12-06T10:00:00")).Entities).Id);
        Assert.Equal(reviewed, Assert.Single(service.RetrieveMultiple(Fetch("on-or-after", "2026-12-06T10:00:00")).Entities).Id);
        // A date-and-time column still compares the moment given.
        Assert.Empty(service.RetrieveMultiple(Query(new ConditionExpression("createdon", ConditionOperator.LessThan, Morning))).Entities);
    }

    private static LocalDataverse Dataverse() => new(new LocalDataverseOptions { Clock = new FixedClock(new DateTimeOffset(Day.AddHours(15))) });

    private static Guid Reviewed(IOrganizationService service) =>
        service.Create(new Entity("account") { ["name"] = "Reviewed", ["cos_limitreviewon"] = Day });

    private static QueryExpression Query(ConditionExpression condition)
    {
        var query = new QueryExpression("account") { ColumnSet = new ColumnSet("name") };
        query.Criteria.AddCondition(condition);
        return query;
    }

    private static FetchExpression Fetch(string op, string value) => new(
        $"<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='cos_limitreviewon' operator='{op}' value='{value}'/></filter></entity></fetch>");
}
