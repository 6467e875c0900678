using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CreditOS.Benchmarks.Integration;

namespace CreditOS.Benchmarks.LocalDataverse;

/// <summary>
/// One payment posting through the local Dataverse's organization service and event pipeline, in this process, without a
/// bus or HTTP in between: the part of <see cref="PaymentThroughputBenchmark"/> that the plug-ins add, measured with its
/// allocations (issue 15, cheap payment postings). Each payment is created as the worker's application user (its role and
/// field security profile, so the privilege and field-security checks run) and names one open invoice; with
/// <see cref="PlugIns"/> every creditOS plug-in is registered and the configuration stamped, so the payment is applied,
/// settles its invoice and rescores its customer inside its transaction, as in production.
/// Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*PaymentPostingBenchmark*'
/// </summary>
[Config(typeof(PaymentPostingConfig))]
public class PaymentPostingBenchmark : IDisposable
{
    private const int Payments = 500;
    private const int Customers = 200;

    private InProcessPaymentPoster _poster = null!;
    private int _iteration;

    /// <summary>Every creditOS plug-in registered (settlement and rescoring in the payment's transaction), or none.</summary>
    [ParamsSource(nameof(PlugInChoices))]
    public bool PlugIns { get; set; }

    /// <summary>True and false, or the values of CREDITOS_BENCH_PLUGINS (one case alone, e.g. under a profiler).</summary>
    public static IEnumerable<bool> PlugInChoices => BenchmarkParameters.Choose("CREDITOS_BENCH_PLUGINS", bool.Parse, true, false);

    [GlobalSetup]
    public void Setup() => _poster = new InProcessPaymentPoster(Customers, PlugIns);

    /// <summary>This iteration's open invoices, one per payment, spread over the customers (as SYSTEM, not measured).</summary>
    [IterationSetup]
    public void AddInvoices()
    {
        _iteration++;
        _poster.AddOpenInvoices(_iteration, Payments);
    }

    /// <summary>Payments created one after the other as the worker's user, each naming its invoice.</summary>
    [Benchmark(OperationsPerInvoke = Payments)]
    public void PostPayments()
    {
        for (var index = 0; index < Payments; index++)
        {
            _poster.Post(_iteration, index);
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _poster?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// In this process (the local Dataverse is a library; a separate build of the benchmark project is slow on the shared
/// machine), with allocations reported; enough iterations for a median on a machine whose load moves.
/// </summary>
public sealed class PaymentPostingConfig : ManualConfig
{
    public PaymentPostingConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(9)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true)));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
    }
}
