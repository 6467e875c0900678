using System.Diagnostics;
using System.Globalization;
using System.Text;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace CreditOS.Benchmarks.LocalDataverse;

/// <summary>
/// The rounds of the interleaved ratio benchmarks (<see cref="PaymentRateRatioBenchmark"/> in process,
/// <c>EndToEndRateRatioBenchmark</c> through the worker), kept per benchmark class: per round each case's payments, wall
/// time, process CPU, bytes allocated and gen-0 collections, and from them the with-plug-ins rate over the
/// without-plug-ins rate (the without case's time per payment over the with case's), with its mean, standard deviation
/// and 99.9% confidence interval (Student's t over the rounds' ratios). Static because the summary's columns read it
/// after the run, in this process (both benchmarks may run in one process, hence the key).
/// </summary>
public static class PaymentRateRatio
{
    private static readonly Dictionary<Type, List<Round>> RoundsOf = [];
    private static readonly object Gate = new();
    private static readonly Dictionary<Type, List<BlockFigures>> BlocksOf = [];

    /// <summary>
    /// Whether block <paramref name="block"/> of round <paramref name="round"/> is the with-plug-ins case's: ABBA ABBA ...
    /// in even rounds, BAAB BAAB ... in odd ones, so a drift of the load within a round falls on both cases.
    /// </summary>
    public static bool WithPlugInsAt(int block, int round) => (block % 4 is 1 or 2) ^ (round % 2 == 1);

    /// <summary>
    /// One round of <paramref name="blocksPerCase"/> blocks of <paramref name="block"/> payments per case, in the order of
    /// <see cref="WithPlugInsAt"/>; <paramref name="postBlock"/> posts one block (with plug-ins or not, from which of the
    /// case's payments of the round) and is what the block's clock measures. Recorded for <paramref name="benchmark"/> unless
    /// it is a warm-up round.
    /// </summary>
    public static async Task RoundAsync(Type benchmark, int round, int blocksPerCase, int block, Func<bool, int, Task> postBlock, bool record)
    {
        ArgumentNullException.ThrowIfNull(postBlock);
        var without = new CaseTotals();
        var with = new CaseTotals();
        for (var index = 0; index < 2 * blocksPerCase; index++)
        {
            var plugIns = WithPlugInsAt(index, round);
            var totals = plugIns ? with : without;
            var clock = BlockClock.Start();
            await postBlock(plugIns, totals.Payments);
            var (cpuBefore, collectionsBefore) = (totals.Cpu, totals.Gen0Collections);
            clock.StopInto(totals, block);
            if (record)
            {
                RecordBlock(benchmark, new BlockFigures(index, plugIns, (totals.Cpu - cpuBefore).TotalMicroseconds / block, totals.Gen0Collections - collectionsBefore));
            }
        }

        if (record)
        {
            Record(benchmark, without, with);
        }
    }

    public static void Clear(Type benchmark)
    {
        lock (Gate)
        {
            RoundsOf.Remove(benchmark);
            BlocksOf.Remove(benchmark);
        }
    }

    private static void RecordBlock(Type benchmark, BlockFigures figures)
    {
        lock (Gate)
        {
            if (!BlocksOf.TryGetValue(benchmark, out var blocks))
            {
                BlocksOf[benchmark] = blocks = [];
            }

            blocks.Add(figures);
        }
    }

    /// <summary>
    /// Each case's mean process CPU per payment and gen-0 collections by the block's position in its round (0 = the round's
    /// first block): a round-order effect (session 35's alternating rounds, session 36's cause) shows as one position
    /// dearer than the others for both cases.
    /// </summary>
    private static void ByPosition(StringBuilder text, Type benchmark)
    {
        BlockFigures[] blocks;
        lock (Gate)
        {
            blocks = BlocksOf.TryGetValue(benchmark, out var recorded) ? [.. recorded] : [];
        }

        foreach (var plugIns in new[] { false, true })
        {
            var positions = blocks.Where(b => b.PlugIns == plugIns).GroupBy(b => b.Position).OrderBy(g => g.Key)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}: {g.Average(b => b.CpuPerPayment):0} µs, {g.Sum(b => b.Gen0Collections)} gen-0 (n {g.Count()})"));
            text.Append(CultureInfo.InvariantCulture, $"\n//   by block position, {(plugIns ? "with plug-ins   " : "without plug-ins")}: CPU per payment, collections: {string.Join("; ", positions)}");
        }
    }

    public static void Record(Type benchmark, CaseTotals without, CaseTotals with)
    {
        lock (Gate)
        {
            if (!RoundsOf.TryGetValue(benchmark, out var rounds))
            {
                RoundsOf[benchmark] = rounds = [];
            }

            rounds.Add(new Round(without, with));
        }
    }

    /// <summary>The ratio by wall time over the benchmark's recorded rounds, or null before any.</summary>
    public static RatioEstimate? ByWallTime(Type benchmark) => Estimate(benchmark, round => round.WallRatio);

    /// <summary>The ratio by the process CPU each case's blocks took.</summary>
    public static RatioEstimate? ByProcessCpu(Type benchmark) => Estimate(benchmark, round => round.CpuRatio);

    /// <summary>Every figure of the run as text: the ratios with their spread, each case's totals, and the rounds' ratios.</summary>
    public static string Report(Type benchmark, int block)
    {
        var rounds = RoundsSoFar(benchmark);
        if (rounds.Length == 0)
        {
            return $"// {benchmark.Name}: no round recorded";
        }

        var text = new StringBuilder();
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        text.Append(CultureInfo.InvariantCulture, $"// {benchmark.Name} over {rounds.Length} rounds (blocks of {block} payments, ABBA), load average at the end {load}\n");
        text.Append(CultureInfo.InvariantCulture, $"//   with / without rate by wall time:   {ByWallTime(benchmark)}\n");
        text.Append(CultureInfo.InvariantCulture, $"//   with / without rate by process CPU: {ByProcessCpu(benchmark)}\n");
        Totals(text, "without plug-ins", rounds.Select(round => round.Without));
        Totals(text, "with plug-ins   ", rounds.Select(round => round.With));
        text.Append("//   rounds' wall-time ratios: ").Append(string.Join(" ", rounds.Select(round => Percent(round.WallRatio)))).Append('\n');
        text.Append("//   rounds' CPU ratios:       ").Append(string.Join(" ", rounds.Select(round => Percent(round.CpuRatio))));
        ByPosition(text, benchmark);
        return text.ToString();
    }

    internal static string Percent(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static void Totals(StringBuilder text, string name, IEnumerable<CaseTotals> cases)
    {
        var all = cases.ToArray();
        var payments = all.Sum(c => c.Payments);
        text.Append(CultureInfo.InvariantCulture, $"//   {name}: {payments} payments, {all.Sum(c => c.Wall.TotalMicroseconds) / payments:0} µs wall and {all.Sum(c => c.Cpu.TotalMicroseconds) / payments:0} µs process CPU per payment, {all.Sum(c => (double)c.Bytes) / payments / 1024:0.0} KB allocated per payment, {all.Sum(c => c.Gen0Collections) * 1000.0 / payments:0.0} gen-0 collections per 1,000\n");
    }

    private static Round[] RoundsSoFar(Type benchmark)
    {
        lock (Gate)
        {
            return RoundsOf.TryGetValue(benchmark, out var rounds) ? [.. rounds] : [];
        }
    }

    private static RatioEstimate? Estimate(Type benchmark, Func<Round, double> ratio)
    {
        double[] values = [.. RoundsSoFar(benchmark).Select(ratio).Where(double.IsFinite)];

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

    /// <summary>One block's place in its round, its case, its process CPU per payment and the gen-0 collections during it.</summary>
    private readonly record struct BlockFigures(int Position, bool PlugIns, double CpuPerPayment, int Gen0Collections);

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

/// <summary>One block's starting figures; <see cref="StopInto"/> adds the block's wall time, process CPU, bytes and gen-0 collections to its case.</summary>
public readonly record struct BlockClock(TimeSpan Cpu, int Gen0Collections, long Bytes, long Timestamp)
{
    /// <summary>Starts measuring one block from now.</summary>
    public static BlockClock Start() =>
        new(Process.GetCurrentProcess().TotalProcessorTime, GC.CollectionCount(0), GC.GetTotalAllocatedBytes(precise: false), Stopwatch.GetTimestamp());

    public void StopInto(PaymentRateRatio.CaseTotals totals, int payments)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var wall = Stopwatch.GetElapsedTime(Timestamp);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        totals.Add(payments, wall, cpu - Cpu, GC.GetTotalAllocatedBytes(precise: false) - Bytes, GC.CollectionCount(0) - Gen0Collections);
    }
}

/// <summary>The rounds' ratios: mean with its 99.9% confidence interval, standard deviation, median and range.</summary>
public sealed record RatioEstimate(int Rounds, double Mean, double StandardDeviation, double Lower, double Upper, double Median, double Min, double Max)
{
    public override string ToString() =>
        $"{PaymentRateRatio.Percent(Mean)} (99.9% CI {PaymentRateRatio.Percent(Lower)}–{PaymentRateRatio.Percent(Upper)}, SD {PaymentRateRatio.Percent(StandardDeviation)}, median {PaymentRateRatio.Percent(Median)}, range {PaymentRateRatio.Percent(Min)}–{PaymentRateRatio.Percent(Max)}, n = {Rounds})";
}
