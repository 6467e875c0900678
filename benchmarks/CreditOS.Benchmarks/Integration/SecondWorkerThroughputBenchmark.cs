using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CreditOS.Benchmarks.Integration;

/// <summary>
/// What a second worker adds (left from session 20, where ServiceBusSecondWorkerThroughputTests printed times that a test
/// must not assert): one worker and two workers draining the same kind of payment stream, measured in ONE run so that the
/// ratio holds on a shared machine whose load moves between runs. BenchmarkDotNet's Ratio column is TwoWorkers' time per
/// payment over OneWorker's (the baseline): 0.50 means twice the payments per second. Each case is a whole
/// <see cref="PaymentThroughputBenchmark"/> environment (its bus, local Dataverse over HTTP with every plug-in, and its workers,
/// each with its own service provider, ServiceBusClient and Dataverse client), driven through that benchmark's own setup,
/// iteration setup and measured drain, so the two benchmarks measure the same path. <see cref="RoundTripMs"/> is the same
/// MODEL of a real environment's round trip (default 30 ms): without it the all-in-one process is CPU-bound on two cores and
/// a second worker cannot add much; with it each worker waits on I/O as it does against a real Dataverse.
/// Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*SecondWorkerThroughput*'
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class SecondWorkerThroughputBenchmark : IDisposable
{
    private PaymentThroughputBenchmark? _oneWorker;
    private PaymentThroughputBenchmark? _twoWorkers;

    /// <summary>30, or the values of CREDITOS_BENCH_ROUNDTRIPMS (see <see cref="PaymentThroughputBenchmark.RoundTripMs"/>).</summary>
    [ParamsSource(nameof(RoundTrips))]
    public int RoundTripMs { get; set; }

    public static IEnumerable<int> RoundTrips => BenchmarkParameters.Choose("CREDITOS_BENCH_ROUNDTRIPMS", value => int.Parse(value, CultureInfo.InvariantCulture), 30);

    [GlobalSetup]
    public void StartEnvironments()
    {
        _oneWorker = Environment(1);
        _twoWorkers = Environment(2);
    }

    [IterationSetup(Target = nameof(OneWorker))]
    public void LoadOneWorkersPayments() => _oneWorker!.LoadPayments();

    [IterationSetup(Target = nameof(TwoWorkers))]
    public void LoadTwoWorkersPayments() => _twoWorkers!.LoadPayments();

    /// <summary>One worker drains its preloaded payments to committed rows (every plug-in).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = PaymentThroughputBenchmark.Payments)]
    public Task OneWorker() => _oneWorker!.BrokerToCommittedRows();

    /// <summary>Two workers, as competing consumers, drain the same number of payments.</summary>
    [Benchmark(OperationsPerInvoke = PaymentThroughputBenchmark.Payments)]
    public Task TwoWorkers() => _twoWorkers!.BrokerToCommittedRows();

    [GlobalCleanup]
    public void Dispose()
    {
        _oneWorker?.Dispose();
        _twoWorkers?.Dispose();
        _oneWorker = _twoWorkers = null;
        GC.SuppressFinalize(this);
    }

    private PaymentThroughputBenchmark Environment(int workers)
    {
        var environment = new PaymentThroughputBenchmark { Workers = workers, PlugIns = true, RoundTripMs = RoundTripMs };
        environment.StartWorker();
        return environment;
    }
}

/// <summary>A short job in this process (one warm-up, three measured iterations): the ratio, not a precise mean, is the result.</summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig() =>
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true)));
}
