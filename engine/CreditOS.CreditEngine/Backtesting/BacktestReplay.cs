namespace CreditOS.CreditEngine.Backtesting;

/// <summary>An invoice of a replayed history: its customer's summary as of the invoice date, the outcome and the two baselines.</summary>
public sealed record ReplayedInvoice(BacktestInvoice Invoice, History.HistorySummary Summary, bool PaidLate, double BaselineLateShare, double BaselineAverageDaysVsDue)
{
    /// <summary>
    /// When the outcome became known: the settlement date when paid on time, else the day after the due date (by then
    /// the invoice was late whatever happened next).
    /// </summary>
    public DateTime OutcomeKnownOn => Invoice.SettledDate is { } settled && settled <= Invoice.DueDate ? settled : Invoice.DueDate.AddDays(1);
}

/// <summary>The replayed invoices, those left out because still inside their terms at the end, and the end of the history.</summary>
public sealed record BacktestReplay(IReadOnlyList<ReplayedInvoice> Invoices, int NotYetDue, DateTime? HistoryEnd);
