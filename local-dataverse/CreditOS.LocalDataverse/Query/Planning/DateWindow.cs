using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// The span of time a date operator accepts: [From, Until) with Until inclusive where the operator reaches "now".
/// Relative operators are computed from the engine's clock; users are taken to be in UTC, and weeks start on Sunday
/// (Dataverse's default user settings).
/// </summary>
internal readonly record struct DateWindow(DateTime? From, DateTime? Until, bool UntilInclusive = false)
{
    public bool Contains(DateTime moment) =>
        (From is not { } from || moment >= from)
        && (Until is not { } until || (UntilInclusive ? moment <= until : moment < until));

    /// <summary>Operators relative to the clock that take no value.</summary>
    public static DateWindow? ForFixedPeriod(ConditionOperator op, DateTime now)
    {
        var today = now.Date;
        var weekStart = today.AddDays(-(int)today.DayOfWeek);
        var monthStart = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var yearStart = new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return op switch
        {
            ConditionOperator.Today => Days(today, 1),
            ConditionOperator.Yesterday => Days(today.AddDays(-1), 1),
            ConditionOperator.Tomorrow => Days(today.AddDays(1), 1),
            ConditionOperator.Last7Days => new DateWindow(today.AddDays(-7), now, UntilInclusive: true),
            ConditionOperator.Next7Days => new DateWindow(now, today.AddDays(8)),
            ConditionOperator.ThisWeek => Days(weekStart, 7),
            ConditionOperator.LastWeek => Days(weekStart.AddDays(-7), 7),
            ConditionOperator.NextWeek => Days(weekStart.AddDays(7), 7),
            ConditionOperator.ThisMonth => new DateWindow(monthStart, monthStart.AddMonths(1)),
            ConditionOperator.LastMonth => new DateWindow(monthStart.AddMonths(-1), monthStart),
            ConditionOperator.NextMonth => new DateWindow(monthStart.AddMonths(1), monthStart.AddMonths(2)),
            ConditionOperator.ThisYear => new DateWindow(yearStart, yearStart.AddYears(1)),
            ConditionOperator.LastYear => new DateWindow(yearStart.AddYears(-1), yearStart),
            ConditionOperator.NextYear => new DateWindow(yearStart.AddYears(1), yearStart.AddYears(2)),
            _ => null,
        };
    }

    /// <summary>Operators relative to the clock that take a count X: the last/next X periods (up to or from now), or older than X periods.</summary>
    public static DateWindow? ForCountedPeriod(ConditionOperator op, int count, DateTime now)
    {
        var today = now.Date;
        return op switch
        {
            ConditionOperator.LastXHours => new DateWindow(now.AddHours(-count), now, UntilInclusive: true),
            ConditionOperator.NextXHours => new DateWindow(now, now.AddHours(count), UntilInclusive: true),
            ConditionOperator.LastXDays => new DateWindow(today.AddDays(-count), now, UntilInclusive: true),
            ConditionOperator.NextXDays => new DateWindow(now, today.AddDays(count + 1)),
            ConditionOperator.LastXWeeks => new DateWindow(today.AddDays(-7 * count), now, UntilInclusive: true),
            ConditionOperator.NextXWeeks => new DateWindow(now, today.AddDays((7 * count) + 1)),
            ConditionOperator.LastXMonths => new DateWindow(today.AddMonths(-count), now, UntilInclusive: true),
            ConditionOperator.NextXMonths => new DateWindow(now, today.AddMonths(count).AddDays(1)),
            ConditionOperator.LastXYears => new DateWindow(today.AddYears(-count), now, UntilInclusive: true),
            ConditionOperator.NextXYears => new DateWindow(now, today.AddYears(count).AddDays(1)),
            ConditionOperator.OlderThanXMinutes => new DateWindow(null, now.AddMinutes(-count)),
            ConditionOperator.OlderThanXHours => new DateWindow(null, now.AddHours(-count)),
            ConditionOperator.OlderThanXDays => new DateWindow(null, today.AddDays(-count)),
            ConditionOperator.OlderThanXWeeks => new DateWindow(null, today.AddDays(-7 * count)),
            ConditionOperator.OlderThanXMonths => new DateWindow(null, today.AddMonths(-count)),
            ConditionOperator.OlderThanXYears => new DateWindow(null, today.AddYears(-count)),
            _ => null,
        };
    }

    /// <summary>Whether the operator is one of the counted relative periods (last-x-days and the like).</summary>
    public static bool TakesCount(ConditionOperator op) => ForCountedPeriod(op, 0, DateTime.UnixEpoch) is not null;

    /// <summary>Operators on the date part of a given value.</summary>
    public static DateWindow? ForDate(ConditionOperator op, DateTime value)
    {
        var day = value.Date;
        return op switch
        {
            ConditionOperator.On => Days(day, 1),
            ConditionOperator.OnOrBefore => new DateWindow(null, day.AddDays(1)),
            ConditionOperator.OnOrAfter => new DateWindow(day, null),
            _ => null,
        };
    }

    private static DateWindow Days(DateTime start, int days) => new(start, start.AddDays(days));
}
