using BenchmarkDotNet.Attributes;
using CreditOS.Benchmarks.LocalDataverse;

namespace CreditOS.Benchmarks.Integration;

/// <summary>
/// Issue 15's ratio end to end, measured interleaved: two whole <see cref="PaymentThroughputBenchmark"/> environments
/// alive in this process (each its local Service Bus, local Dataverse over HTTP with the limiter at Dataverse's documented
/// values, and one worker), one with every creditOS plug-in and one with none, take turns in blocks of <see cref="Block"/>
/// payments (ABBA order, reversed every round, <see cref="PaymentRateRatio.WithPlugInsAt"/>), as
/// <see cref="PaymentRateRatioBenchmark"/> does in process. Both workers' pumps run for the whole run, so a block is the
/// steady-state path: its clock starts as its payments are sent to its queue and stops when all of them are committed in
/// Dataverse and completed on the bus (checked every millisecond). The send is inside both cases' blocks alike (a few
/// milliseconds per block: it lifts both times by the same amount, so it flatters the ratio slightly; the
/// <see cref="PaymentThroughputBenchmark"/> path also counts its pumps' start and stop). Each round (one BenchmarkDotNet
/// iteration) gives one ratio by wall time and one by process CPU (bus, worker, Web API host and local Dataverse are all
/// in this process); the summary's columns give their mean and 99.9% confidence interval, and the run prints each case's
/// totals and every round's ratio. The broker's store is in a memory file system unless CREDITOS_BENCH_BUS_STORE says
/// otherwise (<see cref="BusStoreLocation"/>): its per-write disk sync is the local broker's, not the worker's (session 34).
/// The cases measured one after the other (<see cref="PaymentThroughputBenchmark"/>)
/// gave 8–86% by wall time between runs of one build (sessions 7–24).
/// Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*EndToEndRateRatio*'
/// </summary>
[Config(typeof(PaymentRateRatioConfig))]
public class EndToEndRateRatioBenchmark : IDisposable
{
    /// <summary>Payments one case's worker drains before the other takes its turn.</summary>
    public const int Block = 100;

    private const int BlocksPerCase = 4;
    private const int PaymentsPerCase = Block * BlocksPerCase;

    /// <summary>Rounds posted in the global setup, not recorded: the first payment of the day per customer takes the full rescoring, and the JIT tiers up.</summary>
    private const int WarmUpRounds = 3;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);

    private PaymentThroughputBenchmark _without = null!;
    private PaymentThroughputBenchmark _with = null!;
    private RunningPumps? _withoutPumps;
    private RunningPumps? _withPumps;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        PaymentRateRatio.Clear(typeof(EndToEndRateRatioBenchmark));
        var store = BusStoreLocation.Parent(fallback: "memory");
        Console.WriteLine($"// local Service Bus stores in {store} ({BusStoreLocation.Variable}=memory|temp|directory; integration/README, session 34)");
        _without = Environment(plugIns: false, store);
        _with = Environment(plugIns: true, store);
        // The pumps run for the whole run, as a worker does (session 36): started per round, their receivers' links were
        // opened during the round's first block, which cost that block 150-350 µs more per payment than the others, paid by
        // whichever case the round's order put first.
        _withoutPumps = _without.StartPumps();
        _withPumps = _with.StartPumps();
        for (var round = 0; round < WarmUpRounds; round++)
        {
            AddInvoices();
            PostRound(record: false).GetAwaiter().GetResult();
        }
    }

    /// <summary>This round's open invoices in both environments, one per payment (as SYSTEM, not measured).</summary>
    [IterationSetup]
    public void AddInvoices()
    {
        _round++;
        _without.AddRoundInvoices(PaymentsPerCase);
        _with.AddRoundInvoices(PaymentsPerCase);
    }

    /// <summary>One round: both cases' blocks alternating; BenchmarkDotNet's time is the mean of the two cases per payment.</summary>
    [Benchmark(OperationsPerInvoke = 2 * PaymentsPerCase)]
    public Task PostBothInterleaved() => PostRound(record: true);

    /// <summary>Both pumps stopped at the end of the run (their last receive waits up to Pump:IdleReceiveWait).</summary>
    private void StopPumps()
    {
        _withoutPumps?.StopAsync().GetAwaiter().GetResult();
        _withPumps?.StopAsync().GetAwaiter().GetResult();
        _withoutPumps = _withPumps = null;
    }

    private Task PostRound(bool record) => PaymentRateRatio.RoundAsync(typeof(EndToEndRateRatioBenchmark), _round, BlocksPerCase, Block, PostBlock, record);

    /// <summary>The block's payments sent to its environment's queue, then waited for until committed and completed.</summary>
    private async Task PostBlock(bool plugIns, int first)
    {
        var environment = plugIns ? _with : _without;
        var target = environment.CommittedPayments + Block;
        await environment.SendPaymentsAsync(first, Block);
        await environment.WaitUntilCommittedAndCompletedAsync(target, Poll);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Console.WriteLine(PaymentRateRatio.Report(typeof(EndToEndRateRatioBenchmark), Block));
        StopPumps();
        _without?.Dispose();
        _with?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static PaymentThroughputBenchmark Environment(bool plugIns, string busStoreParent)
    {
        var environment = new PaymentThroughputBenchmark { Workers = 1, PlugIns = plugIns, RoundTripMs = 0, BusStoreParent = busStoreParent };
        environment.StartWorker();
        return environment;
    }
}
