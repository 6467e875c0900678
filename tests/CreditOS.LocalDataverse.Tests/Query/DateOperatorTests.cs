using CreditOS.LocalDataverse.Tests.Query.Support;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Tests.Query;

/// <summary>The clock stands at Wednesday 18 March 2026, 15:30 UTC; users are taken to be in UTC.</summary>
public sealed class DateOperatorTests : QueryTestBase
{
    public DateOperatorTests()
    {
        AddAccount("Last year", (T.CreatedOn, Utc(2025, 6, 1)));
        AddAccount("Two months ago", (T.CreatedOn, Utc(2026, 1, 10, 9)));
        AddAccount("Ten days ago", (T.CreatedOn, Utc(2026, 3, 8, 12)));
        AddAccount("Yesterday", (T.CreatedOn, Utc(2026, 3, 17, 23, 59)));
        AddAccount("This morning", (T.CreatedOn, Utc(2026, 3, 18, 8)));
        AddAccount("Tonight", (T.CreatedOn, Utc(2026, 3, 18, 22)));
        AddAccount("In three days", (T.CreatedOn, Utc(2026, 3, 21, 10)));
        AddAccount("Undated");
    }

    private List<string> Matching(ConditionOperator op, params object[] values) =>
        AccountNames(Accounts(new ConditionExpression(T.CreatedOn, op, values))).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void On_MatchesTheWholeDayWhateverTheTime()
    {
        Assert.Equal(["This morning", "Tonight"], Matching(ConditionOperator.On, Utc(2026, 3, 18, 17)));
    }

    [Fact]
    public void OnOrBefore_IncludesTheWholeDay()
    {
        Assert.Equal(["Last year", "Ten days ago", "Two months ago", "Yesterday"], Matching(ConditionOperator.OnOrBefore, Utc(2026, 3, 17)));
    }

    [Fact]
    public void OnOrAfter_StartsAtMidnightOfTheDay()
    {
        Assert.Equal(["In three days", "This morning", "Tonight"], Matching(ConditionOperator.OnOrAfter, Utc(2026, 3, 18, 23)));
    }

    [Fact]
    public void NotOn_ExcludesTheDayAndNulls()
    {
        Assert.Equal(5, Matching(ConditionOperator.NotOn, Utc(2026, 3, 18)).Count);
    }

    [Fact]
    public void Today_MatchesTheClocksDate()
    {
        Assert.Equal(["This morning", "Tonight"], Matching(ConditionOperator.Today));
    }

    [Fact]
    public void Yesterday_MatchesTheDayBefore()
    {
        Assert.Equal(["Yesterday"], Matching(ConditionOperator.Yesterday));
    }

    [Fact]
    public void LastXDays_RunsFromMidnightXDaysAgoUntilNow()
    {
        Assert.Equal(["Ten days ago", "This morning", "Yesterday"], Matching(ConditionOperator.LastXDays, 10));
        Assert.Equal(["This morning", "Yesterday"], Matching(ConditionOperator.LastXDays, 9));
    }

    [Fact]
    public void NextXDays_RunsFromNowToTheEndOfTheXthDay()
    {
        Assert.Equal(["In three days", "Tonight"], Matching(ConditionOperator.NextXDays, 3));
        Assert.Equal(["Tonight"], Matching(ConditionOperator.NextXDays, 2));
    }

    [Fact]
    public void LastXMonths_RunsFromTheSameDayXMonthsAgoUntilNow()
    {
        Assert.Equal(["Ten days ago", "This morning", "Two months ago", "Yesterday"], Matching(ConditionOperator.LastXMonths, 3));
        Assert.Equal(["Ten days ago", "This morning", "Yesterday"], Matching(ConditionOperator.LastXMonths, 1));
    }

    [Fact]
    public void OlderThanXDays_MatchesBeforeMidnightXDaysAgo()
    {
        Assert.Equal(["Last year", "Two months ago"], Matching(ConditionOperator.OlderThanXDays, 10));
    }

    [Fact]
    public void ThisMonth_MatchesTheCalendarMonth()
    {
        Assert.Equal(["In three days", "Ten days ago", "This morning", "Tonight", "Yesterday"], Matching(ConditionOperator.ThisMonth));
    }

    [Fact]
    public void LastYear_MatchesThePreviousCalendarYear()
    {
        Assert.Equal(["Last year"], Matching(ConditionOperator.LastYear));
    }

    [Fact]
    public void DateOperator_OnATextColumn_Fails()
    {
        var fault = Fault(Accounts(new ConditionExpression(T.Name, ConditionOperator.LastXDays, 3)));

        Assert.Contains("date and time columns", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LastXDays_WithoutACount_Fails()
    {
        Assert.Contains("The ConditonOperator.LastXDays requires 1 value/s, not 0.", Fault(Accounts(new ConditionExpression(T.CreatedOn, ConditionOperator.LastXDays))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FiscalOperators_FailLoudly()
    {
        Assert.Equal(-2147220715, Fault(Accounts(new ConditionExpression(T.CreatedOn, ConditionOperator.ThisFiscalYear))).ErrorCode);
    }
}
