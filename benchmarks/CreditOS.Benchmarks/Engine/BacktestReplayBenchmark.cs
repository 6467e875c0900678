using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CreditOS.CreditEngine.Backtesting;

namespace CreditOS.Benchmarks.Engine;

/// <summary>
/// The backtest's replay (every invoice's customer summarized as of its date, the baselines with it) on a skewed ledger
/// of 20,000 invoices over three years: one customer with 10,000 invoices, 100 others with 100 each. The reference
/// re-summarizes the customer's whole earlier history at each invoice day (n² for the large customer); the running
/// replay (session 14) keeps each customer's figures running. Both give the same summaries (RunningReplayTests).
/// In process (the ratio in one run is what counts on the shared machine).
/// Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*BacktestReplay*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class BacktestReplayBenchmark
{
    private List<BacktestInvoice> ledger = null!;

    [GlobalSetup]
    public void Setup() => ledger = SkewedLedger(seed: 14, largeCustomerInvoices: 10_000, otherCustomers: 100, invoicesEach: 100);

    [Benchmark(Baseline = true, Description = "replay 20,000 invoices, re-summarizing (reference)")]
    public int Resummarizing() => Backtester.Replay(ledger, ReplayMethod.Resummarizing).Invoices.Count;

    [Benchmark(Description = "replay 20,000 invoices, running figures")]
    public int Running() => Backtester.Replay(ledger, ReplayMethod.Running).Invoices.Count;

    /// <summary>Invoices over three years with 30-60 day terms, paid around their due date (some late, some never), 2% disputed.</summary>
    public static List<BacktestInvoice> SkewedLedger(int seed, int largeCustomerInvoices, int otherCustomers, int invoicesEach)
    {
        var random = new Random(seed);
        var start = new DateTime(2023, 1, 1);
        var end = start.AddYears(3);
        var ledger = new List<BacktestInvoice>(largeCustomerInvoices + (otherCustomers * invoicesEach));
        void Add(string customer, int n)
        {
            var invoiced = start.AddDays(random.Next(3 * 365));
            var due = invoiced.AddDays(30 * (1 + random.Next(2)));
            DateTime? settled = random.NextDouble() < 0.02 ? null : due.AddDays(random.Next(-20, 40));
            settled = settled < invoiced ? invoiced : settled >= end ? null : settled;
            ledger.Add(new BacktestInvoice(customer, customer + "-" + n, invoiced, due, Math.Round((decimal)(random.NextDouble() * 5_000), 2), settled, random.NextDouble() < 0.02));
        }

        for (var i = 0; i < largeCustomerInvoices; i++)
        {
            Add("BIG", i);
        }

        for (var c = 0; c < otherCustomers; c++)
        {
            for (var i = 0; i < invoicesEach; i++)
            {
                Add("C" + c, i);
            }
        }

        return ledger;
    }

    private sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun() =>
            AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    }
}
