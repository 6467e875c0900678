using System.Globalization;

namespace CreditOS.CreditEngine.Collections;

/// <summary>
/// How far ahead a promise to pay may be dated. An open promise pauses the customer's whole dunning sequence and moves
/// the worklist's next action to the day after its date (<see cref="CollectionsWorklist"/>), and a promise naming no
/// invoice is kept by any payment: without a bound, a promise of 1.00 dated ten years ahead took a customer out of
/// dunning and off the collector's worklist for ten years. A promise is dated at most <c>maximumDays</c> after today
/// (the environment variable <c>cos_PromiseMaxDays</c>, <see cref="DefaultMaximumDays"/> when unset); a customer who
/// promises further ahead gives a promise within it, and another when it is kept.
/// </summary>
public static class PromiseHorizon
{
    /// <summary>The shipped bound: about two months, the longest a collector waits before calling again.</summary>
    public const int DefaultMaximumDays = 60;

    /// <summary>Null when <paramref name="promisedFor"/> is within the horizon; otherwise the refusal with the figures.</summary>
    public static string? Refusal(DateTime promisedFor, DateTime today, int maximumDays)
    {
        var latest = today.Date.AddDays(maximumDays);
        if (promisedFor.Date <= latest)
        {
            return null;
        }

        var ahead = (int)(promisedFor.Date - today.Date).TotalDays;
        return "A promise to pay cannot be dated " + Day(promisedFor) + ", " + ahead.ToString(CultureInfo.InvariantCulture) + " days ahead: an open promise pauses the customer's dunning "
            + "and moves its collections follow-up to its date, so it is dated at most " + maximumDays.ToString(CultureInfo.InvariantCulture) + " days ahead (until " + Day(latest)
            + ", cos_PromiseMaxDays). Record what the customer promises by then, and a new promise when it is kept.";
    }

    /// <summary>A configured bound: a whole number of days from 1 to 366, else null.</summary>
    public static int? ParseMaximumDays(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 366 ? days : null;

    private static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
