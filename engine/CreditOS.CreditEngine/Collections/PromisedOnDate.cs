using System.Globalization;

namespace CreditOS.CreditEngine.Collections;

/// <summary>
/// The day a promise to pay was made (<c>cos_promisedon</c>) is at the latest the day it is recorded (controls round 8).
/// The customer's promise history counts only promises made on or before the day it is read (kept and broken promises
/// of the last twelve months are a Risk factor, <c>BrokenPromises</c>), so a promise "made" years ahead was never
/// counted: before, Colin recorded a promise dated five years ahead, it paused the customer's dunning like any open
/// promise, the daily batch broke it, and the customer's Risk score stayed 27.5 where the broken promise makes it 30.7.
/// A promise made before it is recorded (on the phone yesterday) is a fact and passes. One day of skew is allowed: the
/// column is date-only and a collector's calendar runs up to 14 hours ahead of UTC, so a promise taken today can carry
/// tomorrow's UTC date; one day covers every time zone and nothing more.
/// </summary>
public static class PromisedOnDate
{
    /// <summary>Days a promise may be dated after the UTC day it is recorded (collectors' time zones up to UTC+14).</summary>
    public const int ClockSkewDays = 1;

    /// <summary>Null when the day the promise was made is acceptable; otherwise why not, with the figures.</summary>
    public static string? Refusal(DateTime? promisedOn, DateTime recordedOn, string promise)
    {
        var latest = recordedOn.Date.AddDays(ClockSkewDays);
        if (promisedOn is not { } made || made.Date <= latest)
        {
            return null;
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "The promise to pay '{0}' cannot say it was made on {1:yyyy-MM-dd}, {2} day(s) after it is recorded on {3:yyyy-MM-dd}: a promise is made at the latest the day it is recorded "
            + "(until {4:yyyy-MM-dd}, with {5} day of time-zone skew), and the customer's history counts only promises made by the day it is read, so a promise made in the future "
            + "would pause dunning and never count when it is broken. Record it with the day the customer promised.",
            promise, made.Date, (made.Date - recordedOn.Date).Days, recordedOn.Date, latest, ClockSkewDays);
    }
}
