using System.Globalization;

namespace CreditOS.CreditEngine.Backtesting;

/// <summary>Writes the backtest report; the last line is always <c>auc=0.xxx</c> (or <c>auc=n/a</c> without both outcomes).</summary>
public static class BacktestReportWriter
{
    public static void Write(BacktestResult result, TextWriter writer) => Write(result, writer, null);

    /// <summary>
    /// As <see cref="Write(BacktestResult, TextWriter)"/>, with a candidate rule set's comparison (if any) printed before
    /// the last three lines, which stay the shipped rule set's baselines and <c>auc=</c>.
    /// </summary>
    public static void Write(BacktestResult result, TextWriter writer, CandidateComparison? candidate)
    {
        Require.NotNull(result, "The backtest result");
        Require.NotNull(writer, "The report writer");
        writer.Write("creditOS backtest: risk score as of each invoice date vs paid after due date (no look-ahead)\n");
        writer.Write("invoices read: " + result.InvoicesRead + "\n");
        writer.Write("invoices scored: " + result.InvoicesScored + "\n");
        writer.Write("not yet due at end of history (not scored): " + result.NotYetDue + "\n");
        writer.Write("paid late: " + result.PaidLate + " (" + Share(result.InvoicesScored > 0 ? (double)result.PaidLate / result.InvoicesScored : 0) + ")\n");
        writer.Write("\n");
        writer.Write(Row("risk level", "invoices", "paid late", "share late"));
        foreach (var level in result.Levels)
        {
            writer.Write(Row(level.RiskLevel.ToString(), Count(level.Invoices), Count(level.PaidLate), Share(level.ShareLate)));
        }

        writer.Write("\n");

        // Said before the last three lines, which stay the two baselines and the AUC.
        if (result.Auc is null)
        {
            writer.Write(WhyNoAuc(result.InvoicesScored, result.PaidLate) + "\n");
        }

        if (candidate is not null)
        {
            CandidateComparisonWriter.Write(candidate, writer);
        }

        writer.Write(NaiveBaselines.Definition + "\n");
        writer.Write("baseline_late_share_auc=" + Auc(result.BaselineLateShareAuc) + "\n");
        writer.Write("baseline_avg_days_late_auc=" + Auc(result.BaselineAverageDaysAuc) + "\n");
        writer.Write("auc=" + Auc(result.Auc) + "\n");
    }

    /// <summary>
    /// Why an AUC is n/a, with the figures: it compares late invoices with on-time ones, so a ledger where none (or
    /// every one) was paid late has no AUC, and a number printed for it would mean nothing.
    /// </summary>
    public static string WhyNoAuc(int scored, int late) =>
        "auc undefined: " + (scored == 0
            ? "no invoice could be scored"
            : late == 0
                ? "none of the " + scored.ToString(CultureInfo.InvariantCulture) + " invoices scored was paid late"
                : "all " + scored.ToString(CultureInfo.InvariantCulture) + " invoices scored were paid late (or are unpaid past due)")
        + "; the AUC compares late invoices with on-time ones and needs both";

    /// <summary>An AUC as the report prints it: three decimals, or n/a without both outcomes.</summary>
    public static string Auc(double? auc) => auc is { } value ? value.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Row(string level, string invoices, string late, string share) =>
        level.PadRight(12) + invoices.PadLeft(10) + late.PadLeft(11) + share.PadLeft(12) + "\n";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Share(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
