namespace CreditOS.CreditEngine.History;

/// <summary>
/// One payment window's counts and sums: invoices dated after its start (exclusive) up to its end (inclusive). Every
/// issued invoice counts toward the issued and disputed figures; those with a known outcome (settled, or open past due)
/// toward the late counts and the days relative to due; open invoices not yet due toward the not-yet-due count and amount.
/// </summary>
public sealed class PaymentWindowAccumulator(DateTime startExclusive, DateTime endInclusive)
{
    private const int LateBeyond15Days = 15;
    private const int LateBeyond30Days = 30;
    private int count, issued, late, late15, late30, disputedCount, daysVsDue, notYetDue, notYetDueClose;
    private decimal amount, lateAmount, amountDays, disputedAmount, issuedAmount, amountDaysVsDue, amountTermsDays, notYetDueAmount;

    /// <summary>Invoices dated on or before this day are outside the window.</summary>
    public DateTime StartExclusive => startExclusive;

    /// <summary>Invoices dated after this day are outside the window.</summary>
    public DateTime EndInclusive => endInclusive;

    /// <summary>
    /// Adds invoices issued on one day that share an outcome. <paramref name="daysVsDue"/> is signed: settled date − due
    /// date when <paramref name="settled"/>, else evaluation date − due date (negative while not yet due, when the
    /// outcome is still unknown). <paramref name="termsDays"/> is the invoices' due date − invoice date (their payment terms).
    /// </summary>
    public void Add(DateTime invoiced, int invoices, decimal total, int daysVsDue, bool settled, bool disputed, int termsDays)
    {
        var day = invoiced.Date;
        if (day <= startExclusive || day > endInclusive)
        {
            return;
        }

        issued += invoices;
        issuedAmount += total;
        amountTermsDays += total * Math.Max(0, termsDays);
        if (disputed)
        {
            disputedCount += invoices;
            disputedAmount += total;
        }

        if (!settled && daysVsDue <= 0)
        {
            // Not yet due: its outcome is unknown. Counting it at "evaluation date − due date" (an early payment in
            // all but name) would pull every customer's average toward early payment; the scorer counts it instead at
            // the customer's own shrunk average, never below the due date (PaymentEvidence).
            notYetDue += invoices;
            notYetDueAmount += total;
            notYetDueClose += invoices * Math.Max(0, PaymentWindowStats.CloseToDueDaysFor(termsDays) + daysVsDue);
            return;
        }

        var clipped = PaymentWindowStats.ClipDaysVsDue(daysVsDue, termsDays);
        this.daysVsDue += invoices * clipped;
        amountDaysVsDue += total * clipped;

        var daysLate = Math.Max(0, daysVsDue);
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
            IssuedAmount = issuedAmount,
            DaysVsDueSum = daysVsDue,
            AmountTimesDaysVsDue = amountDaysVsDue,
            AmountTimesTermsDays = amountTermsDays,
            NotYetDueCount = notYetDue,
            NotYetDueAmount = notYetDueAmount,
            NotYetDueCloseDaysSum = notYetDueClose,
        };
}
