namespace CreditOS.CreditEngine.Collections;

/// <summary>The fiscal year containing a date, for a year that starts on the first of <c>startMonth</c>.</summary>
public static class FiscalYear
{
    public static DateTime StartOf(DateTime date, int startMonth)
    {
        if (startMonth is < 1 or > 12)
        {
            throw new CreditInputException("The fiscal year's first month must be 1 to 12 (got " + startMonth + ").");
        }

        var start = new DateTime(date.Year, startMonth, 1, 0, 0, 0, date.Kind);
        return start > date.Date ? start.AddYears(-1) : start;
    }
}
