namespace CreditOS.CreditEngine.History;

/// <summary>
/// Checks a summary filled from aggregates before it is scored: negative figures or counts that contradict each other
/// (more late invoices than invoices...) mean a query went wrong and would give a silently wrong score.
/// </summary>
public static class HistorySummaryValidator
{
    public static void Validate(HistorySummary summary)
    {
        Require.NotNull(summary, "The history summary");
        Require.CurrencyCode(summary.Currency, "The currency of customer " + summary.CustomerId);
        Window(summary.Last3Months, "last 3 months");
        Window(summary.Last6Months, "last 6 months");
        Window(summary.Last12Months, "last 12 months");
        Window(summary.Prior12Months, "prior 12 months");
        Window(summary.Earlier, "months before the last 24");
        var aging = summary.Aging;
        if (aging.Current < 0 || aging.Days1To30 < 0 || aging.Days31To60 < 0 || aging.Days61To90 < 0 || aging.Over90Days < 0)
        {
            throw new CreditInputException("The aging buckets of customer " + summary.CustomerId + " must not be negative.");
        }

        Require.NotNegative(summary.OpenDisputedAmount, "The open disputed amount");
        Require.NotNegative(summary.OpenOrdersNotInvoiced, "The open orders amount");
        if (summary.OldestOverdueDays < 0 || summary.CompletedOrderCount < 0 || summary.Promises.Kept < 0 || summary.Promises.Broken < 0 || summary.Promises.Open < 0)
        {
            throw new CreditInputException("Counts and days in the history summary of customer " + summary.CustomerId + " must not be negative.");
        }

        if (summary.MonthlyRevenue.Count > HistorySummary.RevenueMonths || summary.MonthlyRevenue.Any(r => r < 0))
        {
            throw new CreditInputException("Monthly revenue must hold at most " + HistorySummary.RevenueMonths + " months, none negative.");
        }
    }

    private static void Window(PaymentWindowStats window, string name)
    {
        var consistent = window.InvoiceCount >= 0
            && window.LateCount >= 0 && window.LateCount <= window.InvoiceCount
            && window.LateBeyond15DaysCount >= 0 && window.LateBeyond15DaysCount <= window.LateCount
            && window.LateBeyond30DaysCount >= 0 && window.LateBeyond30DaysCount <= window.LateBeyond15DaysCount
            && window.IssuedCount >= 0
            && window.DisputedCount >= 0 && window.DisputedCount <= window.IssuedOrKnownCount
            && window.Amount >= 0 && window.LateAmount >= 0 && window.LateAmount <= window.Amount
            && window.AmountTimesDaysLate >= 0 && window.DisputedAmount >= 0
            && window.IssuedAmount >= 0
            && window.NotYetDueCount >= 0 && window.NotYetDueAmount >= 0 && window.NotYetDueCloseDaysSum >= 0
            && (long)window.NotYetDueCloseDaysSum <= (long)window.NotYetDueCount * PaymentWindowStats.LongestCloseToDueDays
            && Math.Abs((long)window.DaysVsDueSum) <= (long)window.InvoiceCount * PaymentWindowStats.LateDaysCap;
        if (!consistent)
        {
            throw new CreditInputException(
                "The payment figures of the " + name + " are inconsistent: counts and amounts must not be negative, late ≤ invoices with a known outcome, "
                + "late beyond 30 days ≤ beyond 15 days ≤ late, disputed ≤ issued, late amount ≤ amount, |days relative to due| ≤ 120 × invoices with a known outcome, "
                + "days close to due ≤ " + PaymentWindowStats.LongestCloseToDueDays + " × invoices not yet due.");
        }
    }
}
