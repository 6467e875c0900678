using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Backtesting;

/// <summary>One customer's history as the replay reads it: the summary and baselines before a date, dates never going back.</summary>
internal abstract class CustomerReplayHistory
{
    /// <summary>The summary as of <paramref name="invoiceDate"/> of the invoices issued before it.</summary>
    public abstract HistorySummary SummaryBefore(DateTime invoiceDate);

    /// <summary>The baselines of an invoice dated <paramref name="invoiceDate"/>: invoices settled strictly before its day.</summary>
    public abstract BaselineFigures BaselineBefore(DateTime invoiceDate);

    protected static InvoiceRecord ToRecord(BacktestInvoice invoice) =>
        new(invoice.InvoiceId, invoice.InvoiceDate, invoice.DueDate, invoice.Amount, invoice.SettledDate, invoice.Disputed);
}

/// <summary>The reference: the summarizer over every invoice issued before the date, and the baselines re-counted, at each date.</summary>
internal sealed class ResummarizingReplayHistory(string customerId, IReadOnlyList<BacktestInvoice> ordered) : CustomerReplayHistory
{
    private readonly List<InvoiceRecord> known = new(ordered.Count);

    public override HistorySummary SummaryBefore(DateTime invoiceDate)
    {
        while (known.Count < ordered.Count && ordered[known.Count].InvoiceDate < invoiceDate)
        {
            known.Add(ToRecord(ordered[known.Count]));
        }

        var history = new CustomerHistory { CustomerId = customerId, Currency = Backtester.CsvCurrency, Invoices = known };
        return HistorySummarizer.Summarize(history, invoiceDate);
    }

    public override BaselineFigures BaselineBefore(DateTime invoiceDate) => NaiveBaselines.For(ordered, invoiceDate);
}

/// <summary>Running figures: the running summarizer, and the baselines' counts fed in settlement order.</summary>
internal sealed class RunningReplayHistory : CustomerReplayHistory
{
    private readonly RunningHistorySummarizer summarizer;
    private readonly BacktestInvoice[] bySettlement;
    private readonly NaiveBaselineTally tally = new();
    private int nextSettled;

    public RunningReplayHistory(string customerId, IReadOnlyList<BacktestInvoice> ordered)
    {
        summarizer = new RunningHistorySummarizer(customerId, Backtester.CsvCurrency, ordered.Select(ToRecord).ToList());
        bySettlement = ordered.Where(i => i.SettledDate is not null).OrderBy(i => i.SettledDate!.Value.Date).ToArray();
    }

    public override HistorySummary SummaryBefore(DateTime invoiceDate) => summarizer.SummarizeBefore(invoiceDate);

    public override BaselineFigures BaselineBefore(DateTime invoiceDate)
    {
        while (nextSettled < bySettlement.Length && bySettlement[nextSettled].SettledDate!.Value.Date < invoiceDate.Date)
        {
            tally.Add(bySettlement[nextSettled++]);
        }

        return tally.Figures;
    }
}
