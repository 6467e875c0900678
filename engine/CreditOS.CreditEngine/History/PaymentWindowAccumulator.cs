namespace CreditOS.CreditEngine.History;

/// <summary>
/// One payment window's counts and sums: invoices dated after its start (exclusive) up to its end (inclusive). Every
/// issued invoice counts toward the issued and disputed figures; only those with a known outcome toward the payment figures.
/// </summary>
public sealed class PaymentWindowAccumulator(DateTime startExclusive, DateTime endInclusive)
{
    private const int LateBeyond15Days = 15;
    private const int LateBeyond30Days = 30;
    private int count, issued, late, late15, late30, disputedCount;
    private decimal amount, lateAmount, amountDays, disputedAmount;

    /// <summary>Adds invoices issued on one day; <paramref name="outcomeDaysLate"/> is null while their outcome is unknown.</summary>
    public void Add(DateTime invoiced, int invoices, decimal total, int? outcomeDaysLate, bool disputed)
    {
        var day = invoiced.Date;
        if (day <= startExclusive || day > endInclusive)
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
