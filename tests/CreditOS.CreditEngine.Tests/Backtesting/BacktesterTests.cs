using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Tests.Builders;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Backtesting;

public class BacktesterTests
{
    [Fact]
    public void ChangingALaterSettlement_NeverChangesAnEarlierScore()
    {
        var invoices = BacktestCsv.FromHistories(CreditOS.CreditEngine.Samples.SamplePortfolioGenerator.Generate(SampleHistoryFile.Options with { Customers = 6 }));
        var byCustomer = invoices.GroupBy(i => i.CustomerId).Select(g => g.OrderBy(i => i.InvoiceDate).ToList()).ToList();

        Gen.Select(Gen.Int[0, 1_000], Gen.Int[0, 1_000], Gen.Int[1, 120]).Sample((customerPick, invoicePick, shift) =>
        {
            var customer = byCustomer[customerPick % byCustomer.Count];
            var scored = customer[invoicePick % customer.Count];
            var asOf = scored.InvoiceDate;
            var known = customer.Where(i => i.InvoiceDate < asOf).Select(ToRecord).ToList();

            // Rewrite the future: every settlement after the scoring date moves or disappears.
            var rewritten = known.Select(i => i.SettledDate > asOf ? i with { SettledDate = shift % 2 == 0 ? null : i.SettledDate.Value.AddDays(shift) } : i).ToList();

            var original = Backtester.ScoreAsOf(scored.CustomerId, known, asOf, Configs.Default);
            var changed = Backtester.ScoreAsOf(scored.CustomerId, rewritten, asOf, Configs.Default);
            Assert.Equal(original.Risk, changed.Risk);
        });
    }

    [Fact]
    public void Backtest_ObservationsOfEarlierInvoices_DoNotDependOnLaterRows()
    {
        var all = BacktestCsv.FromHistories(CreditOS.CreditEngine.Samples.SamplePortfolioGenerator.Generate(SampleHistoryFile.Options with { Customers = 10 }));
        var cutoff = all[all.Count / 2].InvoiceDate;
        var truncated = all.Select(i => i.InvoiceDate < cutoff ? i with { SettledDate = i.SettledDate > cutoff ? null : i.SettledDate } : i with { Amount = i.Amount * 3 }).ToList();

        var full = Backtester.Run(all, Configs.Default).Observations.Where(o => o.InvoiceDate <= cutoff).ToDictionary(o => o.InvoiceId, o => o.Risk);
        var partial = Backtester.Run(truncated, Configs.Default).Observations.Where(o => o.InvoiceDate <= cutoff).ToDictionary(o => o.InvoiceId, o => o.Risk);

        Assert.NotEmpty(full);
        foreach (var (invoice, risk) in partial)
        {
            Assert.Equal(full[invoice], risk);
        }
    }

    [Fact]
    public void Backtest_OnSmallHistory_ClassifiesLateAndNotYetDue()
    {
        BacktestInvoice[] invoices =
        [
            new("C1", "I1", Day("2026-01-01"), Day("2026-01-31"), 100m, Day("2026-01-20"), false),
            new("C1", "I2", Day("2026-02-01"), Day("2026-03-03"), 100m, Day("2026-03-20"), false),
            new("C1", "I3", Day("2026-02-15"), Day("2026-03-10"), 100m, null, false),
            new("C1", "I4", Day("2026-03-25"), Day("2026-04-24"), 100m, null, false),
        ];
        using var report = new StringWriter();

        var result = Backtester.Run(invoices, Configs.Default);
        BacktestReportWriter.Write(result, report);

        Assert.Equal(4, result.InvoicesRead);
        Assert.Equal(3, result.InvoicesScored);
        Assert.Equal(1, result.NotYetDue);
        Assert.Equal(2, result.PaidLate);
        // I1 is scored on the segment prior alone; I2 and I3 after I1 was paid 11 days early, so both late invoices score
        // below the on-time one (AUC 0). The baselines give I1 (no earlier settled invoice) the neutral 50% and 0 days, and
        // I2 and I3 the 0% late and 11 days early of I1: both rank the late invoices below the on-time one too (AUC 0).
        var risk = result.Observations.ToDictionary(o => o.InvoiceId, o => o.Risk);
        Assert.True(risk["I2"] < risk["I1"] && risk["I3"] < risk["I1"]);
        Assert.Equal(0, result.Auc!.Value, 3);
        Assert.EndsWith(NaiveBaselines.Definition + "\nbaseline_late_share_auc=0.000\nbaseline_avg_days_late_auc=0.000\nauc=0.000\n", report.ToString());
    }

    [Fact]
    public void RocAuc_CountsTiesAsHalf()
    {
        Assert.Equal(1.0, RocAuc.Compute([new(1, false), new(2, true)]));
        Assert.Equal(0.5, RocAuc.Compute([new(1, false), new(1, true)]));
        Assert.Equal(0.875, RocAuc.Compute([new(1, false), new(2, false), new(2, true), new(3, true)]));
        Assert.Null(RocAuc.Compute([new(1, true)]));
    }

    private static DateTime Day(string iso) => DateTime.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static InvoiceRecord ToRecord(BacktestInvoice i) => new(i.InvoiceId, i.InvoiceDate, i.DueDate, i.Amount, i.SettledDate, i.Disputed);
}
