using CreditOS.CreditEngine.History;

namespace CreditOS.Xrm.Credit;

/// <summary>
/// The engine's four payment windows (last 3, 6, 12 months and months 13-24, by invoice date, counted back from the
/// evaluation date), filled from grouped aggregate rows: each row is a number of invoices sharing invoice day, days
/// late (null while the outcome is unknown) and dispute flag, with their summed amount. Every issued invoice counts
/// toward issued and disputed figures; only those with a known outcome count toward the payment figures.
/// </summary>
internal sealed class WindowSet
{
    public WindowSet(DateTime asOf)
    {
        Last3 = new PaymentWindow(asOf.AddMonths(-3), asOf);
        Last6 = new PaymentWindow(asOf.AddMonths(-6), asOf);
        Last12 = new PaymentWindow(asOf.AddMonths(-12), asOf);
        Prior12 = new PaymentWindow(asOf.AddMonths(-24), asOf.AddMonths(-12));
    }

    public PaymentWindow Last3 { get; }

    public PaymentWindow Last6 { get; }

    public PaymentWindow Last12 { get; }

    public PaymentWindow Prior12 { get; }

    public void Add(DateTime invoiced, int count, decimal amount, int? daysLate, bool disputed)
    {
        Last3.Add(invoiced, count, amount, daysLate, disputed);
        Last6.Add(invoiced, count, amount, daysLate, disputed);
        Last12.Add(invoiced, count, amount, daysLate, disputed);
        Prior12.Add(invoiced, count, amount, daysLate, disputed);
    }
}

/// <summary>One window's counts and sums; invoices dated after its start (exclusive) up to its end (inclusive).</summary>
internal sealed class PaymentWindow(DateTime startExclusive, DateTime endInclusive)
{
    private const int LateBeyond15Days = 15;
    private const int LateBeyond30Days = 30;
    private int count, issued, late, late15, late30, disputedCount;
    private decimal amount, lateAmount, amountDays, disputedAmount;

    public void Add(DateTime invoiced, int invoices, decimal total, int? outcomeDaysLate, bool disputed)
    {
        if (invoiced <= startExclusive || invoiced > endInclusive)
        {
            return;
        }

        issued += invoices;
        if (disputed)
        {
            disputedCount += invoices;
            disputedAmount += total;
        }

        if (outcomeDaysLate is not { } daysLate)
        {
            return;
        }

        count += invoices;
        amount += total;
        amountDays += total * daysLate;
        if (daysLate > 0)
        {
            late += invoices;
            lateAmount += total;
        }

        late15 += daysLate > LateBeyond15Days ? invoices : 0;
        late30 += daysLate > LateBeyond30Days ? invoices : 0;
    }

    public PaymentWindowStats ToStats() => issued == 0
        ? PaymentWindowStats.Empty
        : new PaymentWindowStats
        {
            InvoiceCount = count,
            IssuedCount = issued,
            LateCount = late,
            LateBeyond15DaysCount = late15,
            LateBeyond30DaysCount = late30,
            Amount = amount,
            LateAmount = lateAmount,
            AmountTimesDaysLate = amountDays,
            DisputedCount = disputedCount,
            DisputedAmount = disputedAmount,
        };
}
