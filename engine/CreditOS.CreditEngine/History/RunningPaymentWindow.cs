namespace CreditOS.CreditEngine.History;

/// <summary>
/// One payment window kept as running figures while the evaluation date moves forward (the backtest's replay): invoices
/// enter and leave it, and each one's outcome changes (settled, not yet due, open past due), without re-reading the
/// customer's history. What an invoice counts for stays the rule of <see cref="PaymentWindowAccumulator"/>: every
/// figure there is linear in the invoice count and amount, so an invoice is taken out by adding it with −1 and −amount
/// under the outcome it was added with.
/// <para>
/// The parts that move every day are an open invoice inside its last days before the due date (its days close to due,
/// <see cref="PaymentWindowStats.NotYetDueCloseDaysSum"/>) and an open past-due invoice: its days relative to due grow by one a day (up to the
/// 120-day cap for the clipped figures; without cap for amount × days late). It is added with its days as of a day of
/// record, and the growth since is added when the figures are read: (evaluation day − day of record) per invoice still
/// below the cap, × amount for the amount-weighted figures. The crossing of a threshold (15 and 30 days late, the cap)
/// is a change of outcome the caller reports, so the accumulator's counts stay exact.
/// </para>
/// </summary>
internal sealed class RunningPaymentWindow
{
    private readonly PaymentWindowAccumulator figures = new(DateTime.MinValue, DateTime.MaxValue);

    // Growth since the day of record of open past-due invoices: days and amounts below the cap (clipped figures) and
    // all of them (amount × days late is not clipped). Day numbers are counted from the customer's first invoice.
    private int belowCapCount, closeToDueCount;
    private long closeToDueRecordDays;
    private long belowCapRecordDays;
    private decimal belowCapAmount, belowCapAmountTimesRecordDay, pastDueAmount, pastDueAmountTimesRecordDay;

    // The figures last read, handed out again while nothing changed (a replay keeps every summary: the calibration).
    private PaymentWindowStats? lastStats;

    /// <summary>Adds (sign +1) or takes out (sign −1) one invoice under an outcome.</summary>
    public void Apply(int sign, RunningInvoice invoice, RunningOutcome outcome)
    {
        lastStats = null;
        var amount = sign * invoice.Amount;
        figures.Add(invoice.InvoiceDay, sign, amount, outcome.DaysVsDue, outcome.Settled, invoice.Disputed, invoice.TermsDays);
        if (!outcome.Settled && outcome.Phase == RunningOutcome.CloseToDuePhase)
        {
            // Not yet due, inside its last days: its days close to due grow by one a day until it falls due.
            closeToDueCount += sign;
            closeToDueRecordDays += sign * (long)outcome.RecordDay;
        }

        if (outcome.Settled || outcome.DaysVsDue <= 0)
        {
            return;
        }

        pastDueAmount += amount;
        pastDueAmountTimesRecordDay += amount * outcome.RecordDay;
        if (outcome.DaysVsDue <= PaymentWindowStats.LateDaysCap)
        {
            belowCapCount += sign;
            belowCapRecordDays += sign * (long)outcome.RecordDay;
            belowCapAmount += amount;
            belowCapAmountTimesRecordDay += amount * outcome.RecordDay;
        }
    }

    /// <summary>The window's figures on <paramref name="day"/> (counted from the customer's first invoice).</summary>
    public PaymentWindowStats ToStats(int day)
    {
        if (pastDueAmount == 0m && belowCapCount == 0 && closeToDueCount == 0)
        {
            // Nothing grows with the day: the figures are those of the last read until an invoice is applied.
            return lastStats ??= figures.ToStats();
        }

        var stats = figures.ToStats();
        return stats with
        {
            DaysVsDueSum = stats.DaysVsDueSum + (int)((belowCapCount * (long)day) - belowCapRecordDays),
            AmountTimesDaysVsDue = stats.AmountTimesDaysVsDue + ((belowCapAmount * day) - belowCapAmountTimesRecordDay),
            AmountTimesDaysLate = stats.AmountTimesDaysLate + ((pastDueAmount * day) - pastDueAmountTimesRecordDay),
            NotYetDueCloseDaysSum = stats.NotYetDueCloseDaysSum + (int)((closeToDueCount * (long)day) - closeToDueRecordDays),
        };
    }
}
