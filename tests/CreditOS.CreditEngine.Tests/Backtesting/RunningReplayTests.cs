using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Samples;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tests.Builders;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Backtesting;

/// <summary>
/// The running replay (session 14) against the reference, the summarizer over the whole earlier history at every date:
/// the same summaries (every figure, decimals by value), baselines, scores and AUCs, on random ledgers built to reach the
/// edges: settlements in any order and on invoice dates, same-day invoices and settlements, zero amounts, disputes,
/// amounts of different scales, month ends (the windows' calendar months), open items crossing the 15/30/60/90/120-day
/// thresholds, five years (every window), customers with one invoice, terms from 0 to 180 days (the close-to-due window
/// of an open invoice grows with its terms from net 66 on, session 35).
/// </summary>
public class RunningReplayTests
{
    private static readonly DateTime Start = new(2021, 1, 29);

    private static readonly Gen<BacktestInvoice[]> Customer =
        Gen.Select(Gen.Int[0, 3], Gen.Int[1, 60], Gen.Int[0, 1_800], Gen.Int[0, 2]).SelectMany((id, count, span, density) =>
            Gen.Select(Gen.Int[0, span], Gen.Int[0, 5], Gen.Int[0, 100_000], Gen.Int[0, 2], Gen.Int[-40, 260], Gen.Int[0, 19], Gen.Int[0, 9])
                .Array[count]
                .Select(rows => rows.Select((r, n) => Invoice("C" + id, n, r.Item1 / (density + 1), r.Item2, r.Item3, r.Item4, r.Item5, r.Item6, r.Item7)).ToArray()));

    private static readonly Gen<List<BacktestInvoice>> Ledger =
        Customer.Array[1, 4].Select(customers => customers
            .SelectMany((invoices, c) => invoices.Select(i => i with { CustomerId = i.CustomerId + "-" + c, InvoiceId = "C" + c + "-" + i.InvoiceId }))
            .ToList());

    [Fact]
    public void RunningReplay_GivesTheReferenceSummariesAndBaselines()
    {
        Ledger.Sample(ledger =>
        {
            var running = Backtester.Replay(ledger).Invoices;
            var reference = Backtester.Replay(ledger, ReplayMethod.Resummarizing).Invoices;

            Assert.Equal(reference.Count, running.Count);
            for (var i = 0; i < reference.Count; i++)
            {
                Assert.Same(reference[i].Invoice, running[i].Invoice);
                Assert.Equal(reference[i].PaidLate, running[i].PaidLate);
                Assert.Equal(reference[i].BaselineLateShare, running[i].BaselineLateShare);
                Assert.Equal(reference[i].BaselineAverageDaysVsDue, running[i].BaselineAverageDaysVsDue);
                AssertSameSummary(reference[i].Summary, running[i].Summary);
            }
        }, iter: 400);
    }

    [Fact]
    public void RunningBacktest_ScoresEveryInvoiceAsTheReference_AndGivesTheSameAucs()
    {
        Ledger.Sample(ledger =>
        {
            var running = Backtester.Run(ledger, Configs.Default);
            var reference = Backtester.Run(ledger, Configs.Default, ReplayMethod.Resummarizing);

            Assert.Equal(reference.Observations.Count, running.Observations.Count);
            for (var i = 0; i < reference.Observations.Count; i++)
            {
                Assert.Equal(reference.Observations[i].InvoiceId, running.Observations[i].InvoiceId);
                Assert.Equal(reference.Observations[i].Risk, running.Observations[i].Risk, 9);
                Assert.Equal(reference.Observations[i].RiskLevel, running.Observations[i].RiskLevel);
            }

            Assert.Equal(reference.Auc, running.Auc);
            Assert.Equal(reference.BaselineLateShareAuc, running.BaselineLateShareAuc);
            Assert.Equal(reference.BaselineAverageDaysAuc, running.BaselineAverageDaysAuc);
            Assert.Equal(reference.Levels, running.Levels);
        }, iter: 150);
    }

    [Fact]
    public void RunningReplay_OnTheShippedSamples_GivesTheReferenceScores()
    {
        // The shipped samples are exactly these generators' output (SampleHistoryTests); their histories settle by payments, partial ones included.
        // The seasonal one is on net 60-90, where the close-to-due window is longer than 10 days (session 35).
        var samples = new[]
        {
            BacktestCsv.FromHistories(SamplePortfolioGenerator.Generate(SampleHistoryFile.Options)),
            BacktestCsv.FromHistories(MonthlyBillingPortfolioGenerator.Generate(MonthlyBillingPortfolioGenerator.DefaultOptions)),
            BacktestCsv.FromHistories(DriftingTermsPortfolioGenerator.Generate(DriftingTermsPortfolioGenerator.DefaultOptions)),
            BacktestCsv.FromHistories(SeasonalLongTermsPortfolioGenerator.Generate(SeasonalLongTermsPortfolioGenerator.DefaultOptions)),
        };
        foreach (var ledger in samples)
        {
            var running = Backtester.Replay(ledger).Invoices;
            var reference = Backtester.Replay(ledger, ReplayMethod.Resummarizing).Invoices;

            Assert.Equal(reference.Count, running.Count);
            for (var i = 0; i < reference.Count; i++)
            {
                AssertSameSummary(reference[i].Summary, running[i].Summary);
                Assert.Equal(CreditScorer.Score(reference[i].Summary, Configs.Default).Risk, CreditScorer.Score(running[i].Summary, Configs.Default).Risk, 9);
            }
        }
    }

    [Fact]
    public void RunningSummarizer_RefusesDatesGoingBack()
    {
        var summarizer = new RunningHistorySummarizer("C1", Backtester.CsvCurrency, [new InvoiceRecord("I1", Start, Start.AddDays(30), 10m)]);
        summarizer.SummarizeBefore(Start.AddDays(5));

        Assert.Throws<ArgumentException>(() => summarizer.SummarizeBefore(Start.AddDays(4)));
    }

    [Fact]
    public void RunningSummarizer_RefusesAnInvalidInvoiceAsTheSummarizerDoes_WhenItBecomesKnown()
    {
        InvoiceRecord[] invoices = [new("I1", Start, Start.AddDays(30), 10m), new("I2", Start.AddDays(3), Start.AddDays(1), 10m)];
        var summarizer = new RunningHistorySummarizer("C1", Backtester.CsvCurrency, invoices);
        summarizer.SummarizeBefore(Start.AddDays(3));

        var running = Assert.Throws<CreditInputException>(() => summarizer.SummarizeBefore(Start.AddDays(4)));
        var reference = Assert.Throws<CreditInputException>(() => HistorySummarizer.Summarize(new CustomerHistory { CustomerId = "C1", Currency = Backtester.CsvCurrency, Invoices = invoices }, Start.AddDays(4)));
        Assert.Equal(reference.Message, running.Message);
    }

    internal static void AssertSameSummary(HistorySummary expected, HistorySummary actual)
    {
        Assert.Equal(expected.MonthlyRevenue, actual.MonthlyRevenue);

        // Records compare every other figure by value (decimals by value, whatever their trailing zeros).
        Assert.Equal(expected with { MonthlyRevenue = [] }, actual with { MonthlyRevenue = [] });
    }

    // One generated invoice: day offset, terms choice, amount (cents), amount scale, settlement offset from the due date
    // (negative: open), dispute and same-day picks.
    private static BacktestInvoice Invoice(string customer, int n, int day, int terms, int cents, int scale, int settle, int dispute, int pick)
    {
        var invoiced = Start.AddDays(day);
        var due = invoiced.AddDays(new[] { 0, 14, 30, 60, 90, 180 }[terms]);
        var amount = pick == 0 ? 0m : scale switch { 0 => cents / 100, 1 => cents / 10 / 10.0m, _ => cents / 100m };
        DateTime? settled = settle < 0 ? null : settle switch
        {
            < 20 => invoiced.AddDays(settle % 5),             // on or just after the invoice date: early, often the same day as another invoice
            _ => due.AddDays(settle - 60),                    // from 40 days before due (kept after the invoice date) to 200 late
        };
        if (settled < invoiced)
        {
            settled = invoiced;
        }

        return new BacktestInvoice(customer, "I" + n.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), invoiced, due, amount, settled, dispute == 0);
    }
}
