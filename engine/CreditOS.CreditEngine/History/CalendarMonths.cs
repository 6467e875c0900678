namespace CreditOS.CreditEngine.History;

/// <summary>Calendar-month arithmetic shared by the summarizer and the summary.</summary>
public static class CalendarMonths
{
    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/> (0 when to is earlier).</summary>
    public static int Between(DateTime from, DateTime to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        if (to.Day < from.Day)
        {
            months--;
        }

        return months < 0 ? 0 : months;
    }

    /// <summary>First day of the month containing <paramref name="date"/>.</summary>
    public static DateTime StartOfMonth(DateTime date) => new(date.Year, date.Month, 1, 0, 0, 0, date.Kind);

    /// <summary>How many complete months before the month of <paramref name="asOf"/> the date falls (0 = previous month), -1 for the month of asOf or later.</summary>
    public static int CompleteMonthsBack(DateTime date, DateTime asOf)
    {
        var diff = ((asOf.Year - date.Year) * 12) + asOf.Month - date.Month;
        return diff - 1;
    }
}
