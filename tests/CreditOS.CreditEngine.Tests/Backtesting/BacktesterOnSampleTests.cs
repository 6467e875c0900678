using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Samples;

namespace CreditOS.CreditEngine.Tests.Backtesting;

public class BacktesterOnSampleTests
{
    private static BacktestResult RunOnSample(out string report)
    {
        // The committed file is exactly the generator's output (SampleHistoryTests), so the engine replays the generator's rows.
        using var writer = new StringWriter();
        var result = Backtester.Run(BacktestCsv.FromHistories(SamplePortfolioGenerator.Generate(SampleHistoryFile.Options)), DefaultCreditConfiguration.Create());
        BacktestReportWriter.Write(result, writer);
        report = writer.ToString();
        return result;
    }

    [Fact]
    public void Backtest_OnSample_PredictsLatePaymentClearlyBetterThanChance()
    {
        var result = RunOnSample(out _);

        Assert.NotNull(result.Auc);
        Assert.True(result.Auc > 0.65, "AUC was " + result.Auc);
    }

    [Fact]
    public void Backtest_OnSample_ShippedRuleSetBeatsBothBaselines()
    {
        var result = RunOnSample(out _);

        Assert.True(result.Auc > result.BaselineLateShareAuc, "auc " + result.Auc + " vs late-share baseline " + result.BaselineLateShareAuc);
        Assert.True(result.Auc > result.BaselineAverageDaysAuc, "auc " + result.Auc + " vs average-days baseline " + result.BaselineAverageDaysAuc);
    }

    [Fact]
    public void Backtest_OnSample_CountsAddUp()
    {
        var result = RunOnSample(out _);

        Assert.Equal(result.InvoicesRead, result.InvoicesScored + result.NotYetDue);
        Assert.Equal(result.InvoicesScored, result.Levels.Sum(l => l.Invoices));
        Assert.Equal(result.PaidLate, result.Levels.Sum(l => l.PaidLate));
        Assert.Equal(result.InvoicesScored, result.Observations.Count);
        Assert.Equal(File.ReadAllLines(SampleHistoryFile.PathInRepository()).Length - 1, result.InvoicesRead);
    }

    [Fact]
    public void Backtest_OnSample_RiskierLevelsPayLateMoreOften()
    {
        var result = RunOnSample(out _);
        var populated = result.Levels.Where(l => l.Invoices >= 50).ToList();

        Assert.True(populated.Count >= 3);
        for (var i = 1; i < populated.Count; i++)
        {
            Assert.True(populated[i].ShareLate > populated[i - 1].ShareLate, populated[i].RiskLevel + " should pay late more often than " + populated[i - 1].RiskLevel);
        }
    }

    [Fact]
    public void Backtest_Report_EndsWithTheAucLine()
    {
        var result = RunOnSample(out var report);
        var lines = report.TrimEnd('\n').Split('\n');

        Assert.Matches(@"^auc=0\.\d{3}$", lines[^1]);
        Assert.Matches(@"^baseline_avg_days_late_auc=0\.\d{3}$", lines[^2]);
        Assert.Matches(@"^baseline_late_share_auc=0\.\d{3}$", lines[^3]);
        Assert.Contains("invoices scored: " + result.InvoicesScored, report);
    }
}
