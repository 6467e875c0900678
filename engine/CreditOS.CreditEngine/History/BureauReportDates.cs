using System.Globalization;

namespace CreditOS.CreditEngine.History;

/// <summary>
/// A bureau report is dated on or before the day it is recorded. Rescoring reads the latest report dated on or before
/// its own day, so a report dated in the future would, once its date arrives, outrank every genuine report dated before
/// it (a clean record written today for next year silently replaces the judgments the bureau reports meanwhile).
/// The bound allows one day of clock skew: a bureau dates its report on its own local calendar, which runs up to
/// 14 hours ahead of UTC (UTC+14), so a genuine report can carry tomorrow's UTC date; one day covers every time zone
/// and nothing more. The report date is a date-only column, compared as a date.
/// </summary>
public static class BureauReportDates
{
    /// <summary>Days a report may be dated after the UTC day it is recorded (bureau time zones up to UTC+14).</summary>
    public const int ClockSkewDays = 1;

    /// <summary>The latest report date accepted for a report recorded at <paramref name="recordedOn"/> (UTC).</summary>
    public static DateTime LatestReportDate(DateTime recordedOn) => recordedOn.Date.AddDays(ClockSkewDays);

    /// <summary>Null when the report date is acceptable; otherwise why not, with the figures.</summary>
    public static string? Refusal(DateTime? reportDate, DateTime recordedOn)
    {
        if (reportDate is not { } date || date.Date <= LatestReportDate(recordedOn))
        {
            return null;
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "The bureau report is dated {0:yyyy-MM-dd}, {1} day(s) after it is recorded on {2:yyyy-MM-dd}; a report may be dated at the latest {3:yyyy-MM-dd} (the day it is recorded plus {4} day of bureau clock skew). A report dated in the future would outrank every genuine report dated before it once its date arrives. Record it with the date the bureau issued it.",
            date.Date, (date.Date - recordedOn.Date).Days, recordedOn.Date, LatestReportDate(recordedOn), ClockSkewDays);
    }
}
