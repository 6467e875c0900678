using System.Globalization;

namespace CreditOS.CreditEngine.Decisions;

/// <summary>
/// How much overdue beyond grace a credit policy lets an order through with (cos_overduetoleranceamount,
/// cos_overduetolerancepercent, cos_overduetolerancedays): one small forgotten invoice should not hold every order of a
/// customer who otherwise pays. The tolerance is measured on the customer's <b>total</b> overdue beyond grace, never per
/// invoice, so many small overdue invoices add up and hold as one large one would. It covers that total while it is at
/// most <see cref="Amount"/>, at most <see cref="ShareOfLimit"/> of the credit limit in force when a share is set, and
/// the oldest overdue item is at most <see cref="MaximumDaysPastDue"/> days past due: past that ceiling any amount holds,
/// so the tolerance never hides real delinquency. An order it lets through is "approved within tolerance" with the
/// overdue amount in its reason, so the rep still chases it; collections and the nightly figures are not affected.
/// </summary>
/// <param name="Amount">The most overdue beyond grace, in total, that does not hold an order; 0 = no tolerance.</param>
/// <param name="ShareOfLimit">Caps <paramref name="Amount"/> at this share of the limit in force (0.02 = 2%); 0 = no cap.</param>
/// <param name="MaximumDaysPastDue">The oldest overdue item's days past due up to which the tolerance applies.</param>
public sealed record OverdueTolerance(decimal Amount, decimal ShareOfLimit, int MaximumDaysPastDue)
{
    /// <summary>No tolerance: every amount overdue beyond grace holds the order (the behaviour before policies had one).</summary>
    public static OverdueTolerance None { get; } = new(0m, 0m, 0);

    public bool IsNone => Amount <= 0m;

    /// <summary>No negative figure and a share of the limit of at most 100%.</summary>
    public bool IsWellFormed => Amount >= 0m && ShareOfLimit >= 0m && ShareOfLimit <= 1m && MaximumDaysPastDue >= 0;

    /// <summary>The amount tolerated for a customer with <paramref name="limit"/> in force: the amount, capped by the share of the limit when one is set.</summary>
    public decimal AmountFor(decimal limit) =>
        IsNone ? 0m
        : ShareOfLimit > 0m ? Math.Min(Amount, Math.Round(Math.Max(0m, limit) * ShareOfLimit, 2, MidpointRounding.AwayFromZero))
        : Amount;

    /// <summary>
    /// Whether the customer's total <paramref name="overdueBeyondGrace"/>, its oldest item <paramref name="oldestDaysPastDue"/>
    /// days past due, is small and recent enough not to hold an order.
    /// </summary>
    public bool Covers(decimal overdueBeyondGrace, int oldestDaysPastDue, decimal limit) =>
        overdueBeyondGrace > 0m && overdueBeyondGrace <= AmountFor(limit) && oldestDaysPastDue <= MaximumDaysPastDue;

    /// <summary>"USD 500.00 (2% of the limit at most) while the oldest item is at most 30 days past due", for reasons and messages.</summary>
    public string Describe(Func<decimal, string> money, decimal limit) =>
        money(AmountFor(limit))
        + (ShareOfLimit > 0m && AmountFor(limit) < Amount ? " (" + Percent(ShareOfLimit) + " of the limit)" : string.Empty)
        + " while the oldest item is at most " + MaximumDaysPastDue.ToString(CultureInfo.InvariantCulture) + " days past due";

    /// <summary>
    /// The problems with these figures, in words an administrator can act on. A days ceiling at or below the policy's
    /// grace period is not one: overdue beyond grace is always older than the grace days, so such a tolerance never
    /// applies (it is off), and a change of the grace days never has to wait for the tolerance to be changed first.
    /// </summary>
    public IEnumerable<string> Problems()
    {
        if (Amount < 0m || ShareOfLimit < 0m || MaximumDaysPastDue < 0)
        {
            yield return "has a negative overdue tolerance (amount " + Amount.ToString(CultureInfo.InvariantCulture) + ", share of the limit "
                + ShareOfLimit.ToString(CultureInfo.InvariantCulture) + ", days " + MaximumDaysPastDue.ToString(CultureInfo.InvariantCulture) + "); use zero or more.";
        }

        if (ShareOfLimit > 1m)
        {
            yield return "caps its overdue tolerance at " + Percent(ShareOfLimit) + " of the limit; use at most 100%.";
        }

    }

    private static string Percent(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
