using System.Globalization;

namespace CreditOS.CreditEngine.Backtesting;

/// <summary>A candidate rule set compared with the shipped one on one ledger: what <c>backtest --candidate</c> prints.</summary>
public sealed record CandidateComparison(string CandidateLabel, AucComparison Comparison, int Seed);

/// <summary>
/// Writes the comparison block of <c>backtest --candidate</c>: the candidate's AUC, the paired difference with its 95%
/// interval and the verdict a credit manager reads before activating the rule set.
/// </summary>
public static class CandidateComparisonWriter
{
    public static void Write(CandidateComparison candidate, TextWriter writer)
    {
        Require.NotNull(candidate, "The candidate comparison");
        Require.NotNull(writer, "The report writer");
        var c = candidate.Comparison;
        writer.Write("candidate: " + candidate.CandidateLabel + ", scored on the same " + Count(c.Invoices) + " invoices of "
            + Count(c.Customers) + " customers with the same no-look-ahead replay\n");
        writer.Write("candidate_auc=" + BacktestReportWriter.Auc(c.CandidateAuc) + " (shipped " + BacktestReportWriter.Auc(c.ShippedAuc) + ")\n");
        writer.Write("auc_difference=" + Signed(c.Difference) + " (candidate - shipped), 95% interval " + Interval(c)
            + " from a paired bootstrap of the customers: " + Count(c.ResamplesUsed) + " of " + Count(c.Resamples) + " resamples, seed "
            + candidate.Seed.ToString(CultureInfo.InvariantCulture) + "\n");
        writer.Write("verdict: " + Verdict(c.Verdict) + "\n");
        writer.Write("\n");
    }

    public static string Verdict(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.CandidateRanksBetter => "candidate ranks better (the 95% interval lies above 0)",
        ComparisonVerdict.CandidateRanksWorse => "candidate ranks worse (the 95% interval lies below 0)",
        ComparisonVerdict.NoDifferenceShown => "no difference shown at 95% (the interval contains 0)",
        _ => "no comparison: the AUC is undefined on this ledger",
    };

    private static string Interval(AucComparison c) =>
        c.Lower is { } lower && c.Upper is { } upper ? "[" + Signed(lower) + ", " + Signed(upper) + "]" : "n/a";

    private static string Signed(double? value) =>
        value is { } v ? (v >= 0 ? "+" : "-") + Math.Abs(v).ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
