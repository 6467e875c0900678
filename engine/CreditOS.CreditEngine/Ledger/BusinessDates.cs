using System;
using System.Globalization;

namespace CreditOS.CreditEngine.Ledger;

/// <summary>
/// Whether a date an ERP record states (an invoice's date, due date or settlement, a payment's date) can be a business
/// date of a live ledger. ERPs write placeholders where they mean "none" or "forever" (0001-01-01, 9999-12-31; SAP's
/// 99991231 "valid to"), and a typo puts a year out by centuries. Taken as dates, they post a payment settled in the year
/// 1 (Dataverse's first date is 1753-01-01; the local one stores it, the service refuses it) or 2.9 million days late
/// (beyond cos_dayslate's range, so the posting fails with a figure that names no date), or an invoice that is never due.
/// A date more than <see cref="PlausibleYears"/> years before or after the day the message was received is refused,
/// naming the field, the date and the window; so is any date before <see cref="FirstDataverseDate"/>.
/// </summary>
public static class BusinessDates
{
    /// <summary>How far from the day of receipt a business date may lie, either way (a ledger's history, long payment terms).</summary>
    public const int PlausibleYears = 50;

    /// <summary>The first date Dataverse's date and time columns hold (its documented range is 1753-01-01 to 9999-12-31).</summary>
    public static readonly DateTime FirstDataverseDate = new DateTime(1753, 1, 1);

    /// <summary>Null when <paramref name="date"/> may be a business date; otherwise why not, with the figures.</summary>
    /// <param name="what">What the date is, for the message ("payment SAP/1000-2026-1 payment date").</param>
    /// <param name="receivedOn">The day the message was received.</param>
    public static string? Refusal(string what, DateTime date, DateTime receivedOn)
    {
        var earliest = receivedOn.Date.AddYears(-PlausibleYears);
        if (earliest < FirstDataverseDate)
        {
            earliest = FirstDataverseDate;
        }

        var latest = receivedOn.Date.AddYears(PlausibleYears);
        return date.Date >= earliest && date.Date <= latest
            ? null
            : string.Format(
                CultureInfo.InvariantCulture,
                "The {0} {1:yyyy-MM-dd} is not a business date: it must lie between {2:yyyy-MM-dd} and {3:yyyy-MM-dd} ({4} years either side of the day the message was received, {5:yyyy-MM-dd}); a placeholder such as 0001-01-01 or 9999-12-31, or a mistyped year. Correct it in the source system.",
                what,
                date,
                earliest,
                latest,
                PlausibleYears,
                receivedOn);
    }
}
