using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CreditOS.Benchmarks.LocalDataverse;

/// <summary>
/// Issue 15's ratio, the with-plug-ins payment rate over the without-plug-ins rate, measured so that the machine's load
/// falls on both alike: two local Dataverse environments in this process, one with every creditOS plug-in and one with
/// none, post their payments in alternating blocks of <see cref="Block"/> (ABBA order, reversed every round), and each
/// round (one BenchmarkDotNet iteration) gives one ratio from the two cases' wall times, another from the process CPU
/// they took. <see cref="PaymentPostingBenchmark"/> measures the cases one after the other, minutes apart, so its ratio
/// moved 36–64% between runs of one build on the shared machine (session 25). The rounds' ratios, their mean, spread and
/// 99.9% confidence interval are the columns of the summary (<see cref="PaymentRateRatioColumn"/>) and printed at the end.
/// Garbage collections are not forced between blocks: a collection falls in a block in proportion to what it allocated,
/// so each case pays for its own in expectation (the gen-0 collections per case are printed to check it).
/// Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*PaymentRateRatioBenchmark*'
/// </summary>
[Config(typeof(PaymentRateRatioConfig))]
public class PaymentRateRatioBenchmark : IDisposable
{
    /// <summary>Payments one case posts before the other takes its turn.</summary>
    public const int Block = 25;

    private const int BlocksPerCase = 8;
    private const int PaymentsPerCase = Block * BlocksPerCase;
    private const int Customers = 200;

    /// <summary>Rounds posted in the global setup, not recorded: the first payment of the day per customer takes the full rescoring, and the JIT tiers up.</summary>
    private const int WarmUpRounds = 3;

    private InProcessPaymentPoster _without = null!;
    private InProcessPaymentPoster _with = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        PaymentRateRatio.Clear(typeof(PaymentRateRatioBenchmark));
        _without = new InProcessPaymentPoster(Customers, plugIns: false);
        _with = new InProcessPaymentPoster(Customers, plugIns: true);
        for (var round = 0; round < WarmUpRounds; round++)
        {
            AddInvoices();
            PostRound(record: false);
        }
    }

    /// <summary>This round's open invoices in both environments, one per payment (as SYSTEM, not measured).</summary>
    [IterationSetup]
    public void AddInvoices()
    {
        _round++;
        _without.AddOpenInvoices(_round, PaymentsPerCase);
        _with.AddOpenInvoices(_round, PaymentsPerCase);
    }

    /// <summary>One round: both cases' payments in alternating blocks; BenchmarkDotNet's time is the mean of the two cases.</summary>
    [Benchmark(OperationsPerInvoke = 2 * PaymentsPerCase)]
    public void PostBothInterleaved() => PostRound(record: true);

    private void PostRound(bool record) => PaymentRateRatio.RoundAsync(typeof(PaymentRateRatioBenchmark), _round, BlocksPerCase, Block, PostBlock, record).GetAwaiter().GetResult();

    private Task PostBlock(bool plugIns, int first)
    {
        var poster = plugIns ? _with : _without;
        for (var index = first; index < first + Block; index++)
        {
            poster.Post(_round, index);
        }

        return Task.CompletedTask;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Console.WriteLine(PaymentRateRatio.Report(typeof(PaymentRateRatioBenchmark), Block));
        _without?.Dispose();
        _with?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// In this process (the rounds' ratios are read by the summary's columns from the same process), one launch of enough
/// rounds for a confidence interval of the ratio; allocations reported.
/// </summary>
public sealed class PaymentRateRatioConfig : ManualConfig
{
    public PaymentRateRatioConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(30)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
        AddColumn(PaymentRateRatioColumn.All);
    }
}
