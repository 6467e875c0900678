extern alias plugins;

using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CreditOS.Benchmarks.Integration;
using Microsoft.Xrm.Sdk;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;
using Payment = plugins::CreditOS.Dataverse.Model.Payment;

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
    private static readonly Guid WorkerApplicationId = new("a9910000-0000-4000-8000-0000000be4c1");

    private LocalDataverseEnvironment _dataverse = null!;
    private IOrganizationService _worker = null!;
    private PaymentBenchmarkBook _book = null!;
    private int _iteration;

    /// <summary>Every creditOS plug-in registered (settlement and rescoring in the payment's transaction), or none.</summary>
    [ParamsSource(nameof(PlugInChoices))]
    public bool PlugIns { get; set; }

    /// <summary>True and false, or the values of CREDITOS_BENCH_PLUGINS (one case alone, e.g. under a profiler).</summary>
    public static IEnumerable<bool> PlugInChoices => BenchmarkParameters.Choose("CREDITOS_BENCH_PLUGINS", bool.Parse, true, false);

    [GlobalSetup]
    public void Setup()
    {
        _dataverse = new LocalDataverseEnvironment();
        _book = new PaymentBenchmarkBook(_dataverse, Customers, "POST", PlugIns);
        var workerUser = _book.CreateWorkerUser(WorkerApplicationId);
        _worker = _dataverse.GetOrganizationService(workerUser);
    }

    /// <summary>This iteration's open invoices, one per payment, spread over the customers (as SYSTEM, not measured).</summary>
    [IterationSetup]
    public void AddInvoices()
    {
        _iteration++;
        _book.AddOpenInvoices(_iteration, Payments);
    }

    /// <summary>Payments created one after the other as the worker's user, each naming its invoice.</summary>
    [Benchmark(OperationsPerInvoke = Payments)]
    public void PostPayments()
    {
        var today = DateTime.UtcNow.Date;
        for (var index = 0; index < Payments; index++)
        {
            var erpId = string.Create(CultureInfo.InvariantCulture, $"PAY-{_iteration}-{index:00000}");
            _worker.Create(new Entity(Payment.EntityLogicalName)
            {
                [Payment.Fields.Name] = erpId,
                [Payment.Fields.SourceSystem] = "SAP",
                [Payment.Fields.ErpId] = erpId,
                [Payment.Fields.AccountId] = _book.CustomerOf(index),
                [Payment.Fields.Amount] = new Money(PaymentBenchmarkBook.Amount(index)),
                [Payment.Fields.PaymentDate] = today,
                [Payment.Fields.AppliedInvoices] = PaymentBenchmarkBook.InvoiceId(_iteration, index),
                [Payment.Fields.TransactionCurrencyId] = _book.Euro,
            });
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _dataverse?.Dispose();
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
