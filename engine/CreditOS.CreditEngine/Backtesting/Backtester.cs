using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Backtesting;

/// <summary>
/// Replays an accounts-receivable history and measures how well the Risk score predicts late payment, without
/// look-ahead: each invoice's customer is scored as of the invoice date from the invoices issued before that date,
/// with settlements after that date treated as not yet made (the summarizer never sees the future). Then the score
/// is compared with whether the invoice was paid after its due date (unpaid past due at the end of the history counts
/// as late; unpaid and not yet due is left out). The CSV carries no currency: amounts are taken as one currency.
/// </summary>
public static class Backtester
{
    /// <summary>ISO 4217 code for "no currency": the CSV does not say which currency its amounts are in.</summary>
    public const string CsvCurrency = "XXX";

    public static BacktestResult Run(IReadOnlyList<BacktestInvoice> invoices, CreditConfiguration configuration) =>
        Run(invoices, configuration, ReplayMethod.Running);

    /// <summary>As <see cref="Run(IReadOnlyList{BacktestInvoice}, CreditConfiguration)"/>, with the replay's method chosen (tests and benchmarks compare the two).</summary>
    public static BacktestResult Run(IReadOnlyList<BacktestInvoice> invoices, CreditConfiguration configuration, ReplayMethod method)
    {
        Require.NotNull(invoices, "The invoices");
        Require.NotNull(configuration, "The credit configuration");

        // Scored as they are replayed, so a long ledger's summaries are not all held at once (the calibration, which
        // rescores them with several rule sets, keeps them: Replay).
        var historyEnd = HistoryEnd(invoices);
        var observations = new List<BacktestObservation>(invoices.Count);
        HistorySummary? scoredSummary = null;
        CreditScore? score = null;
        var notYetDue = ReplayEach(invoices, historyEnd, method, item =>
        {
            // Invoices of one customer on one day share their summary, and so their score.
            if (score is null || !ReferenceEquals(item.Summary, scoredSummary))
            {
                score = CreditScorer.Score(item.Summary, configuration);
                scoredSummary = item.Summary;
            }

            var invoice = item.Invoice;
            observations.Add(new BacktestObservation(invoice.CustomerId, invoice.InvoiceId, invoice.InvoiceDate, score.Risk, score.RiskLevel, item.PaidLate, item.BaselineLateShare, item.BaselineAverageDaysVsDue));
        });

        return new BacktestResult(
            invoices.Count,
            observations.Count,
            notYetDue,
            observations.Count(o => o.PaidLate),
            historyEnd,
            Calibration(observations),
            RocAuc.Compute(observations.Select(o => new ScoredOutcome(o.Risk, o.PaidLate)).ToList()),
            observations)
        {
            BaselineLateShareAuc = RocAuc.Compute(observations.Select(o => new ScoredOutcome(o.BaselineLateShare, o.PaidLate)).ToList()),
            BaselineAverageDaysAuc = RocAuc.Compute(observations.Select(o => new ScoredOutcome(o.BaselineAverageDaysVsDue, o.PaidLate)).ToList()),
        };
    }

    /// <summary>
    /// Each invoice whose outcome is known at the end of the history, with its customer's summary as of the invoice
    /// date (invoices issued before it, settlements after it not yet made) and the two baselines. Scoring a replay with
    /// several rule sets (the calibration) costs only the scoring, not the summarizing.
    /// </summary>
    public static BacktestReplay Replay(IReadOnlyList<BacktestInvoice> invoices, ReplayMethod method = ReplayMethod.Running)
    {
        Require.NotNull(invoices, "The invoices");
        var historyEnd = HistoryEnd(invoices);
        var replayed = new List<ReplayedInvoice>(invoices.Count);
        var notYetDue = ReplayEach(invoices, historyEnd, method, replayed.Add);
        return new BacktestReplay(replayed, notYetDue, historyEnd);
    }

    /// <summary>Hands each replayed invoice to <paramref name="each"/>, customer by customer in date order; returns how many were not yet due.</summary>
    private static int ReplayEach(IReadOnlyList<BacktestInvoice> invoices, DateTime? historyEnd, ReplayMethod method, Action<ReplayedInvoice> each)
    {
        var notYetDue = 0;
        foreach (var customer in invoices.GroupBy(i => i.CustomerId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = customer.OrderBy(i => i.InvoiceDate).ThenBy(i => i.InvoiceId, StringComparer.Ordinal).ToList();
            var history = method == ReplayMethod.Resummarizing
                ? (CustomerReplayHistory)new ResummarizingReplayHistory(customer.Key, ordered)
                : new RunningReplayHistory(customer.Key, ordered);

            // Invoices of one customer on one day see the same history: summarized once for all of them (a ledger's
            // large customers invoice several times a day).
            DateTime? summarizedOn = null;
            HistorySummary? daySummary = null;
            BaselineFigures? dayBaseline = null;
            foreach (var invoice in ordered)
            {
                if (invoice.SettledDate is null && historyEnd is { } end && invoice.DueDate >= end)
                {
                    notYetDue++;
                    continue;
                }

                if (summarizedOn != invoice.InvoiceDate || daySummary is null || dayBaseline is null)
                {
                    daySummary = history.SummaryBefore(invoice.InvoiceDate);
                    dayBaseline = history.BaselineBefore(invoice.InvoiceDate);
                    summarizedOn = invoice.InvoiceDate;
                }

                var summary = daySummary;
                var baseline = dayBaseline.Value;
                var paidLate = invoice.SettledDate is not { } settled || settled > invoice.DueDate;
                each(new ReplayedInvoice(invoice, summary, paidLate, baseline.LateShare, baseline.AverageDaysVsDue));
            }
        }

        return notYetDue;
    }

    /// <summary>Scores a customer as of a date from the invoices known then; public so tests can check the no-look-ahead rule directly.</summary>
    public static CreditScore ScoreAsOf(string customerId, IReadOnlyList<InvoiceRecord> invoicesIssuedBefore, DateTime asOf, CreditConfiguration configuration)
    {
        var history = new CustomerHistory { CustomerId = customerId, Currency = CsvCurrency, Invoices = invoicesIssuedBefore };
        return CreditScorer.Score(HistorySummarizer.Summarize(history, asOf), configuration);
    }

    private static DateTime? HistoryEnd(IReadOnlyList<BacktestInvoice> invoices)
    {
        DateTime? end = null;
        foreach (var invoice in invoices)
        {
            var latest = invoice.SettledDate is { } settled && settled > invoice.InvoiceDate ? settled : invoice.InvoiceDate;
            if (end is null || latest > end)
            {
                end = latest;
            }
        }

        return end;
    }

    private static IReadOnlyList<BacktestLevelRow> Calibration(IReadOnlyList<BacktestObservation> observations) =>
        Enum.GetValues(typeof(RiskLevel))
            .Cast<RiskLevel>()
            .Select(level => new BacktestLevelRow(
                level,
                observations.Count(o => o.RiskLevel == level),
                observations.Count(o => o.RiskLevel == level && o.PaidLate)))
            .ToList();
}
