using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure.Messaging.ServiceBus;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CreditOS.Integration.Worker;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport.ServiceBus;
using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;
using CreditOS.LocalServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Xrm.Sdk;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;

namespace CreditOS.Benchmarks.Integration;

/// <summary>
/// Payments per second from the local Service Bus (the official Azure.Messaging.ServiceBus client, as the worker runs in
/// production) to committed cos_payment rows in the local Dataverse over HTTP, with the service protection limiter at
/// Dataverse's documented values, beside the raw bus throughput (send + receive + complete) measured in the same run.
/// Three parameters, all measured in one run so that ratios hold on a shared machine whose load changes from run to run:
/// <see cref="PlugIns"/> (every creditOS plug-in registered, or none: issue 15, cheap payment postings),
/// <see cref="Workers"/> (worker instances draining the queue together as competing consumers, each its own service
/// provider, ServiceBusClient and Dataverse client, as separate worker processes would have: issue 15, several workers at
/// once; correctness of that is ServiceBusSeveralWorkersTests' job) and <see cref="RoundTripMs"/> (a MODEL of a real
/// environment's network round trip added to every Web API request: see <see cref="RoundTripMs"/>).
/// Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*PaymentThroughput*'
/// </summary>
[Config(typeof(InProcessMonitoringConfig))]
public class PaymentThroughputBenchmark : IDisposable
{
    /// <summary>Payments per iteration (one invoke); public for the benchmarks that drive this one's workers (<see cref="SecondWorkerThroughputBenchmark"/>).</summary>
    public const int Payments = 2_000;
    private const string Queue = "creditos.erp.payments";
    private const string DeadLetters = Queue + "/$DeadLetterQueue";
    private const int Customers = 1_000;
    private const string CustomerPrefix = "BENCH";
    private const string KeyName = "RootManageSharedAccessKey";
    /// <summary>A local benchmark key, not a secret.</summary>
    private const string Key = "bG9jYWwtYmVuY2htYXJrLWtleQ==";
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(2);

    private LocalDataverseEnvironment _dataverse = null!;
    /// <summary>A local benchmark credential, not a secret.</summary>
    private const string WorkerAccessToken = "local-benchmark-token-creditos-worker";
    private static readonly Guid WorkerApplicationId = new("a9910000-0000-4000-8000-0000000be4c0");
    private LocalDataverseWebApiServer? _server;
    private readonly List<ServiceProvider> _workers = [];
    private string _directory = string.Empty;
    private LocalServiceBusServer? _bus;
    private ServiceBusClient? _client;
    private ServiceBusSender? _sender;
    private PaymentBenchmarkBook _book = null!;
    private int _iteration;
    private static int _processWarmed;
    private bool _isProcessWarmUp;

    /// <summary>Worker instances draining the payments queue at the same time.</summary>
    [ParamsSource(nameof(WorkerCounts))]
    public int Workers { get; set; }

    /// <summary>
    /// Every creditOS plug-in registered (each payment settles its invoice and rescores its customer in its own
    /// transaction), or none (the same worker path writing bare payment rows).
    /// </summary>
    [ParamsSource(nameof(PlugInChoices))]
    public bool PlugIns { get; set; }

    /// <summary>
    /// A MODEL, not a measurement: milliseconds added to every Web API request by the local host
    /// (<see cref="LocalDataverseWebApiOptions.SimulatedRoundTrip"/>) for the network and front-end time of a real
    /// environment, which the local one on loopback does not have. 0 is the plain local run. 30 ms is our assumption for
    /// a worker in the environment's Azure region: Microsoft's Dataverse documentation gives no round-trip figure (its
    /// "Send parallel requests" guidance is to send requests in parallel, to the degree the x-ms-dop-hint header
    /// recommends, because a client otherwise waits on each one). With it the worker waits on I/O as it does against a
    /// real Dataverse, so a second worker could add throughput that two shared, CPU-bound cores cannot show without it.
    /// </summary>
    [ParamsSource(nameof(RoundTrips))]
    public int RoundTripMs { get; set; }

    /// <summary>
    /// The directory the local Service Bus's store folder is made in (<see cref="BusStoreLocation"/>); null: the system temp
    /// directory, on disk here, as before session 34. <see cref="EndToEndRateRatioBenchmark"/> chooses a memory file system.
    /// </summary>
    public string? BusStoreParent { get; init; }

    /// <summary>1 and 2, or the comma-separated values of CREDITOS_BENCH_WORKERS (a rerun of some cases only).</summary>
    public static IEnumerable<int> WorkerCounts => BenchmarkParameters.Choose("CREDITOS_BENCH_WORKERS", value => int.Parse(value, CultureInfo.InvariantCulture), 1, 2);

    /// <summary>True and false, or the values of CREDITOS_BENCH_PLUGINS.</summary>
    public static IEnumerable<bool> PlugInChoices => BenchmarkParameters.Choose("CREDITOS_BENCH_PLUGINS", bool.Parse, true, false);

    /// <summary>0 and 30, or the values of CREDITOS_BENCH_ROUNDTRIPMS.</summary>
    public static IEnumerable<int> RoundTrips => BenchmarkParameters.Choose("CREDITOS_BENCH_ROUNDTRIPMS", value => int.Parse(value, CultureInfo.InvariantCulture), 0, 30);

    [GlobalSetup(Target = nameof(RawBusSendReceiveComplete))]
    public void StartBus()
    {
        _directory = BusStoreParent is null
            ? Directory.CreateTempSubdirectory("creditos-throughput-").FullName
            : Directory.CreateDirectory(Path.Combine(BusStoreParent, "creditos-throughput-" + Guid.NewGuid().ToString("N"))).FullName;
        var options = new LocalServiceBusOptions { Port = FreePort(), DatabasePath = Path.Combine(_directory, "bus.db") };
        options.SharedAccessPolicies.Add(new SharedAccessPolicy { KeyName = KeyName, Key = Key, Rights = AccessRights.Manage });
        options.Queues.Add(new QueueDefinition { Name = Queue });
        foreach (var other in new[] { "creditos.erp.receivables", "creditos.bureau.reports", "creditos.orders.intake" })
        {
            options.Queues.Add(new QueueDefinition { Name = other });
        }

        _bus = new LocalServiceBusServer(options);
        _bus.Start();
        _client = new ServiceBusClient(ConnectionString(options.Port));
        _sender = _client.CreateSender(Queue);
    }

    [GlobalSetup(Target = nameof(BrokerToCommittedRows))]
    public void StartWorker()
    {
        WarmTheProcessOnce();
        StartBus();
        StartEnvironment();
    }

    /// <summary>
    /// Whichever case ran first in the process was measured slower than the same case run later (session 10, quiet
    /// machine: 1 worker without plug-ins 794 µs per payment and 1.25 ms of CPU when first, 282–540 µs and 0.36–0.5 ms
    /// otherwise), whatever its parameters, even after its own three warm-up iterations: so the first case's figure was
    /// the process warming (JIT tiers, the thread pool, Kestrel and the bus), not the case. Before the first case a
    /// throw-away environment with every plug-in drains three iterations' payments, unmeasured, so every case starts in a
    /// warm process.
    /// </summary>
    private static void WarmTheProcessOnce()
    {
        if (Interlocked.Exchange(ref _processWarmed, 1) == 1)
        {
            return;
        }

        using var warmUp = new PaymentThroughputBenchmark { Workers = 2, PlugIns = true, RoundTripMs = 0, _isProcessWarmUp = true };
        warmUp.StartBus();
        warmUp.StartEnvironment();
        for (var iteration = 0; iteration < 3; iteration++)
        {
            warmUp.LoadPayments();
            warmUp.BrokerToCommittedRows().GetAwaiter().GetResult();
        }
    }

    private static string ConnectionString(int port) =>
        $"Endpoint=sb://127.0.0.1:{port};SharedAccessKeyName={KeyName};SharedAccessKey={Key};UseDevelopmentEmulator=true";

    /// <summary>
    /// One local Dataverse (limiter at the documented values, every creditOS plugin registered or none), its Web API
    /// server and the workers, for the whole run: the default credit configuration and <see cref="Customers"/>
    /// customers. Each iteration adds the invoices its payments settle (<see cref="LoadPayments"/>), so the customers'
    /// history grows as it would in production.
    /// </summary>
    private void StartEnvironment()
    {
        _dataverse = new LocalDataverseEnvironment();
        _book = new PaymentBenchmarkBook(_dataverse, Customers, CustomerPrefix, PlugIns);
        var workerUser = _book.CreateWorkerUser(WorkerApplicationId);
        var serverOptions = new LocalDataverseWebApiOptions
        {
            ServiceProtection = new ServiceProtectionOptions(),
            SimulatedRoundTrip = TimeSpan.FromMilliseconds(RoundTripMs),
        };
        serverOptions.AccessTokens[WorkerAccessToken] = WorkerApplicationId;
        _server = LocalDataverseWebApiServer.StartAsync(_dataverse, serverOptions).GetAwaiter().GetResult();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Broker:Transport"] = "ServiceBus",
            ["Broker:ServiceBus:Authentication"] = "ConnectionString",
            ["Broker:ServiceBus:ConnectionString"] = ConnectionString(_bus!.Port),
            ["Broker:Prefetch"] = "500",
            ["Broker:Queues:Payments"] = Queue,
            ["Broker:Queues:Receivables"] = "creditos.erp.receivables",
            ["Broker:Queues:BureauReports"] = "creditos.bureau.reports",
            ["Broker:Queues:OrderIntake"] = "creditos.orders.intake",
            ["Dataverse:EnvironmentUrl"] = _server.BaseUri.AbsoluteUri,
            ["Dataverse:Authentication"] = "LocalToken",
            ["Dataverse:LocalAccessToken"] = WorkerAccessToken,
            ["Pump:MaxConcurrentBatches"] = "4",
        }).Build();
        for (var instance = 0; instance < Workers; instance++)
        {
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.TimestampFormat = "HH:mm:ss.fff "));
            services.AddCreditOsWorkerCore(configuration);
            _workers.Add(services.BuildServiceProvider());
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            worker.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _workers.Clear();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server = null;
        _dataverse?.Dispose();
        _sender?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _client?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _bus?.Dispose();
        _bus = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>This iteration's open invoices (one per payment, spread over the customers), then its payments on the queue.</summary>
    [IterationSetup(Target = nameof(BrokerToCommittedRows))]
    public void LoadPayments()
    {
        AddRoundInvoices(Payments);
        SendPaymentsAsync().GetAwaiter().GetResult();
    }

    /// <summary>The bus alone: send the payments (batches of 100) and receive + complete them (prefetch 500, batches of 50).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Payments)]
    public async Task RawBusSendReceiveComplete()
    {
        _iteration++;
        await SendPaymentsAsync();
        await using var receiver = _client!.CreateReceiver(Queue, new ServiceBusReceiverOptions { PrefetchCount = 500 });
        for (var received = 0; received < Payments;)
        {
            var batch = await receiver.ReceiveMessagesAsync(50, TimeSpan.FromSeconds(30));
            if (batch.Count == 0)
            {
                throw new InvalidOperationException($"The local Service Bus stopped delivering after {received} of {Payments} payments.");
            }

            await Task.WhenAll(batch.Select(message => receiver.CompleteMessageAsync(message)));
            received += batch.Count;
        }
    }

    /// <summary>
    /// The workers: preloaded payments received, adapted, validated, upserted in $batch and completed; with plug-ins
    /// each committed payment has settled its invoice and rescored its customer in the same transaction.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Payments)]
    public async Task BrokerToCommittedRows()
    {
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        // The pumps' start and stop (up to Pump:IdleReceiveWait, 500 ms, for the receive in flight) are inside this measured
        // time, as they have been since session 7; the interleaved EndToEndRateRatioBenchmark keeps its pumps running.
        var target = CommittedPayments + Payments;
        var pumps = StartPumps();
        await WaitUntilCommittedAndCompletedAsync(target, TimeSpan.FromMilliseconds(5));
        await pumps.StopAsync();

        // Wall time per payment is what BenchmarkDotNet reports; on a machine shared with other builds it moves with their
        // load. The process's CPU time per payment (the bus, the workers, the Web API host and the local Dataverse all
        // run in this process) is the work done, which other processes' load does not change: printed beside it.
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine(_isProcessWarmUp ? "// process warm-up: " + Payments + " payments drained, not measured" : string.Create(
            CultureInfo.InvariantCulture,
            $"// CPU Workers={Workers} PlugIns={PlugIns} RoundTripMs={RoundTripMs}: {cpu.TotalMicroseconds / Payments:0} µs of process CPU per payment; load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a")}"));
    }

    /// <summary>cos_payment rows committed in this environment's Dataverse so far.</summary>
    public int CommittedPayments => _dataverse.Count("cos_payment");

    /// <summary>Every worker's payments pump, running until <see cref="RunningPumps.StopAsync"/> (in-flight batches finish).</summary>
    public RunningPumps StartPumps()
    {
        var stopping = new CancellationTokenSource();
        return new RunningPumps(stopping, Task.WhenAll(_workers.Select(worker => Task.Run(() => ActivatorUtilities.CreateInstance<ServiceBusMessagePump>(worker, QueueKind.Payments).RunAsync(stopping.Token)))));
    }

    /// <summary>
    /// Waits until <paramref name="target"/> payments are committed in Dataverse AND the queue holds nothing, locked or
    /// not (stopping earlier would abandon messages whose rows are committed and leave their work to the next drain),
    /// checking every <paramref name="poll"/>; fails on a dead letter or after <see cref="StallLimit"/> without progress.
    /// </summary>
    public async Task WaitUntilCommittedAndCompletedAsync(int target, TimeSpan poll)
    {
        var lastProgress = DateTime.UtcNow;
        for (var (committed, left) = (-1, int.MaxValue); committed < target || left > 0;)
        {
            await Task.Delay(poll);
            var (nowCommitted, nowLeft) = (CommittedPayments, _bus!.CountOf(Queue));
            if (_bus.CountOf(DeadLetters) > 0)
            {
                throw new InvalidOperationException($"{_bus.CountOf(DeadLetters)} payments were dead-lettered: the benchmark's payments must all post.");
            }

            if (nowCommitted > committed || nowLeft < left)
            {
                (committed, left, lastProgress) = (nowCommitted, nowLeft, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - lastProgress > StallLimit)
            {
                throw new InvalidOperationException(
                    $"Only {committed} of {target} payments committed, {left} still on the queue, and no progress for {StallLimit.TotalMinutes} minutes: "
                    + $"{_dataverse.TransactionsWaitingForLocks} transactions waiting for a row lock.");
            }
        }
    }

    /// <summary>
    /// A new round's open invoices, <paramref name="payments"/> of them (one per payment, spread over the customers), for
    /// payments sent later in parts (<see cref="SendPaymentsAsync(int, int)"/>); as SYSTEM, not measured.
    /// </summary>
    public void AddRoundInvoices(int payments)
    {
        _iteration++;
        _book.AddOpenInvoices(_iteration, payments);
    }

    private Task SendPaymentsAsync() => SendPaymentsAsync(0, Payments);

    /// <summary>Payments <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 of this round on the queue (batches of 100).</summary>
    public async Task SendPaymentsAsync(int first, int count)
    {
        foreach (var chunk in Enumerable.Range(first, count).Chunk(100))
        {
            await _sender!.SendMessagesAsync(chunk.Select(Payment));
        }
    }

    private ServiceBusMessage Payment(int index)
    {
        var document = string.Create(CultureInfo.InvariantCulture, $"{_iteration}-{index}");
        var amount = PaymentBenchmarkBook.Amount(index).ToString("0.00", CultureInfo.InvariantCulture);
        var body = $$$"""{"PaymentAdvice":{"CompanyCode":"1000","FiscalYear":"2026","DocumentNumber":"{{{document}}}","Customer":"{{{PaymentBenchmarkBook.CustomerNumber(CustomerPrefix, index % Customers)}}}","Amount":"{{{amount}}}","Currency":"EUR","ValueDate":"{{{DateTime.UtcNow:yyyy-MM-dd}}}","Items":[{"InvoiceReference":"{{{PaymentBenchmarkBook.InvoiceId(_iteration, index)}}}"}]}}""";
        return new ServiceBusMessage(BinaryData.FromString(body)) { MessageId = document, Subject = "sap.payment-advice" };
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>Pumps started by <see cref="PaymentThroughputBenchmark.StartPumps"/>.</summary>
public sealed class RunningPumps(CancellationTokenSource stopping, Task running)
{
    /// <summary>Stops receiving; waits for the receive in flight (up to Pump:IdleReceiveWait) and the batches in flight.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await running;
        stopping.Dispose();
    }
}

/// <summary>A tracing service that drops what it is told (the benchmark's direct stamp of the configuration).</summary>
internal sealed class NoTracing : ITracingService
{
    public static readonly NoTracing Instance = new();

    public void Trace(string format, params object[] args)
    {
    }
}

/// <summary>
/// Whole runs, measured in this process: the broker, the local Dataverse and the worker already share it, and a
/// separate benchmark build exceeds the build timeout on a 2-core machine.
/// </summary>
public sealed class InProcessMonitoringConfig : ManualConfig
{
    public InProcessMonitoringConfig() =>
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(3)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true)));
}
