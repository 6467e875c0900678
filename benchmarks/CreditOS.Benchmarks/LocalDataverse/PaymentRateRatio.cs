using System.Globalization;
using System.Text;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace CreditOS.Benchmarks.LocalDataverse;

/// <summary>
/// The rounds of <see cref="PaymentRateRatioBenchmark"/>: per round each case's payments, wall time, process CPU, bytes
/// allocated and gen-0 collections, and from them the with-plug-ins rate over the without-plug-ins rate (the without
/// case's time per payment over the with case's), with its mean, standard deviation and 99.9% confidence interval
/// (Student's t over the rounds' ratios). Static because the summary's columns read it after the run, in this process.
/// </summary>
public static class PaymentRateRatio
{
    private static readonly List<Round> Rounds = [];
    private static readonly object Gate = new();

    public static void Clear()
    {
        lock (Gate)
        {
            Rounds.Clear();
        }
    }

    public static void Record(CaseTotals without, CaseTotals with)
    {
        lock (Gate)
        {
            Rounds.Add(new Round(without, with));
        }
    }

    /// <summary>The ratio by wall time over the recorded rounds, or null before any.</summary>
    public static RatioEstimate? ByWallTime() => Estimate(round => round.WallRatio);

    /// <summary>The ratio by the process CPU each case's blocks took.</summary>
    public static RatioEstimate? ByProcessCpu() => Estimate(round => round.CpuRatio);

    /// <summary>Every figure of the run as text: the ratios with their spread, each case's totals, and the rounds' ratios.</summary>
    public static string Report()
    {
        Round[] rounds;
        lock (Gate)
        {
            rounds = [.. Rounds];
        }

        if (rounds.Length == 0)
        {
            return "// PaymentRateRatio: no round recorded";
        }

        var text = new StringBuilder();
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        text.Append(CultureInfo.InvariantCulture, $"// PaymentRateRatio over {rounds.Length} rounds (blocks of {PaymentRateRatioBenchmark.Block} payments, ABBA), load average at the end {load}\n");
        text.Append(CultureInfo.InvariantCulture, $"//   with / without rate by wall time:   {ByWallTime()}\n");
        text.Append(CultureInfo.InvariantCulture, $"//   with / without rate by process CPU: {ByProcessCpu()}\n");
        Totals(text, "without plug-ins", rounds.Select(round => round.Without));
        Totals(text, "with plug-ins   ", rounds.Select(round => round.With));
        text.Append("//   rounds' wall-time ratios: ").Append(string.Join(" ", rounds.Select(round => Percent(round.WallRatio)))).Append('\n');
        text.Append("//   rounds' CPU ratios:       ").Append(string.Join(" ", rounds.Select(round => Percent(round.CpuRatio))));
        return text.ToString();
    }

    internal static string Percent(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static void Totals(StringBuilder text, string name, IEnumerable<CaseTotals> cases)
    {
        var all = cases.ToArray();
        var payments = all.Sum(c => c.Payments);
        text.Append(CultureInfo.InvariantCulture, $"//   {name}: {payments} payments, {all.Sum(c => c.Wall.TotalMicroseconds) / payments:0} µs wall and {all.Sum(c => c.Cpu.TotalMicroseconds) / payments:0} µs process CPU per payment, {all.Sum(c => (double)c.Bytes) / payments / 1024:0.0} KB allocated per payment, {all.Sum(c => c.Gen0Collections) * 1000.0 / payments:0.0} gen-0 collections per 1,000\n");
    }

    private static RatioEstimate? Estimate(Func<Round, double> ratio)
    {
        double[] values;
        lock (Gate)
        {
            values = [.. Rounds.Select(ratio).Where(double.IsFinite)];
        }

        if (values.Length < 2)
        {
            return null;
        }

        var mean = values.Average();
        var deviation = Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Length - 1));
        var margin = new StudentDistribution(values.Length - 1).Quantile(0.9995) * deviation / Math.Sqrt(values.Length);
        Array.Sort(values);
        return new RatioEstimate(values.Length, mean, deviation, mean - margin, mean + margin, values[values.Length / 2], values[0], values[^1]);
    }

    /// <summary>One case's figures over one round's blocks.</summary>
    public sealed class CaseTotals
    {
        public int Payments { get; private set; }

        public TimeSpan Wall { get; private set; }

        public TimeSpan Cpu { get; private set; }

        public long Bytes { get; private set; }

        public int Gen0Collections { get; private set; }

        public void Add(int payments, TimeSpan wall, TimeSpan cpu, long bytes, int gen0Collections)
        {
            Payments += payments;
            Wall += wall;
            Cpu += cpu;
            Bytes += bytes;
            Gen0Collections += gen0Collections;
        }
    }

    private sealed record Round(CaseTotals Without, CaseTotals With)
    {
        // Rates are payments per second, so with / without = the without case's time per payment over the with case's.
        public double WallRatio => Without.Wall.TotalSeconds / Without.Payments / (With.Wall.TotalSeconds / With.Payments);

        public double CpuRatio => Without.Cpu.TotalSeconds / Without.Payments / (With.Cpu.TotalSeconds / With.Payments);
    }
}

/// <summary>The rounds' ratios: mean with its 99.9% confidence interval, standard deviation, median and range.</summary>
public sealed record RatioEstimate(int Rounds, double Mean, double StandardDeviation, double Lower, double Upper, double Median, double Min, double Max)
{
    public override string ToString() =>
        $"{PaymentRateRatio.Percent(Mean)} (99.9% CI {PaymentRateRatio.Percent(Lower)}–{PaymentRateRatio.Percent(Upper)}, SD {PaymentRateRatio.Percent(StandardDeviation)}, median {PaymentRateRatio.Percent(Median)}, range {PaymentRateRatio.Percent(Min)}–{PaymentRateRatio.Percent(Max)}, n = {Rounds})";
}
