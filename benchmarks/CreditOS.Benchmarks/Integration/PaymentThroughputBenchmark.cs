extern alias plugins;

using System.Globalization;
using System.Text;
using Amqp;
using Amqp.Framing;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CreditOS.Integration.Worker;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;
using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Benchmarks.Integration;

/// <summary>
/// Payments per second from the local broker to committed cos_payment rows in the local Dataverse over HTTP, with
/// every creditOS plugin registered as the solution deploys them (each payment settles the invoice it names, rescores
/// its customer and re-checks held orders inside its own transaction) and the service protection limiter at
/// Dataverse's documented values, beside the raw broker throughput (send + receive + accept) measured in the same run.
/// <see cref="Workers"/> worker instances (each its own service provider, broker connection and Dataverse client, as
/// separate worker processes would have) drain the queue together as competing consumers: 1 and 2 are measured in the
/// same run (issue 15, "several workers at once"; correctness of that is SeveralWorkersTests' job).
/// Needs eng/broker/rabbitmq-up.sh to have run.
/// Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*PaymentThroughput*'
/// </summary>
[Config(typeof(InProcessMonitoringConfig))]
public class PaymentThroughputBenchmark : IDisposable
{
    private const int Payments = 2_000;
    private const string Queue = "creditos.erp.payments";
    private const int Customers = 1_000;
    private const string BrokerUser = "creditos";
    private const string BrokerPassword = "creditos-local";
    private const int InFlightSends = 1_000;
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(2);

    private LocalDataverseEnvironment _dataverse = null!;
    /// <summary>A local benchmark credential, not a secret.</summary>
    private const string WorkerAccessToken = "local-benchmark-token-creditos-worker";
    private static readonly Guid WorkerApplicationId = new("a9910000-0000-4000-8000-0000000be4c0");
    private LocalDataverseWebApiServer _server = null!;
    private readonly List<ServiceProvider> _workers = [];
    private readonly EntityReference[] _customers = new EntityReference[Customers];
    private Connection _connection = null!;
    private EntityReference _euro = null!;
    private int _iteration;

    /// <summary>Worker instances draining the payments queue at the same time.</summary>
    [Params(1, 2)]
    public int Workers { get; set; }

    /// <summary>
    /// Every creditOS plug-in registered (each payment settles its invoice and rescores its customer in its own
    /// transaction), or none (the same worker path writing bare payment rows): both in the same run, so the plug-ins'
    /// cost is stated as a ratio on a machine whose load changes from run to run (issue 15, cheap payment postings).
    /// </summary>
    [Params(true, false)]
    public bool PlugIns { get; set; }

    [GlobalSetup(Target = nameof(RawBrokerSendReceiveAccept))]
    public void ConnectToBroker()
    {
        _connection = new ConnectionFactory().CreateAsync(new Address("127.0.0.1", 5672, BrokerUser, BrokerPassword, "/", "AMQP")).GetAwaiter().GetResult();
        DrainQueueAsync().GetAwaiter().GetResult();
    }

    [GlobalSetup(Target = nameof(BrokerToCommittedRows))]
    public void StartWorker()
    {
        ConnectToBroker();
        StartEnvironment();
    }

    /// <summary>
    /// One local Dataverse (limiter at the documented values, every creditOS plugin registered), its Web API server and
    /// the worker, for the whole run: the default credit configuration and <see cref="Customers"/> customers. Each
    /// iteration adds the invoices its payments settle (<see cref="LoadPayments"/>), so the customers' history grows
    /// as it would in production.
    /// </summary>
    private void StartEnvironment()
    {
        _dataverse = new LocalDataverseEnvironment();
        var service = _dataverse.GetOrganizationService();
        _euro = CreditReferenceData.Seed(service, "EUR", "Euro", "€");

        for (var customer = 0; customer < Customers; customer++)
        {
            _customers[customer] = new EntityReference(Account.EntityLogicalName, service.Create(new Entity(Account.EntityLogicalName)
            {
                [Account.Fields.Name] = "Benchmark customer " + customer,
                [Account.Fields.AccountNumber] = CustomerNumber(customer),
                [Account.Fields.TransactionCurrencyId] = _euro,
            }));
        }

        if (PlugIns)
        {
            _dataverse.RegisterPluginAssembly(typeof(plugins::CreditOS.Plugins.PaymentPostingPlugin).Assembly);

            // What deployment does once the configuration is imported with the plug-ins in place: stamp its version,
            // so payments score with the cached configuration (ConfigurationVersionPlugin stamps every later change).
            plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationVersion.Bump(service, NoTracing.Instance);
        }

        // The worker calls as its application user, as in production (bearer token → systemuser with applicationid).
        // With the local Dataverse enforcing security, the application user needs the role and profile it is deployed with.
        var workerUser = ApplicationUsers.Create(_dataverse, "creditOS integration worker", WorkerApplicationId);
        ApplicationUsers.AssignRole(_dataverse, workerUser, "creditOS Integration");
        _dataverse.AssignFieldSecurityProfile(workerUser, _dataverse.SolutionFieldSecurityProfileId("creditOS Integration Readers"));
        var serverOptions = new LocalDataverseWebApiOptions { ServiceProtection = new ServiceProtectionOptions() };
        serverOptions.AccessTokens[WorkerAccessToken] = WorkerApplicationId;
        _server = LocalDataverseWebApiServer.StartAsync(_dataverse, serverOptions).GetAwaiter().GetResult();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Broker:Host"] = "127.0.0.1",
            ["Broker:UserName"] = BrokerUser,
            ["Broker:Password"] = BrokerPassword,
            ["Broker:Prefetch"] = "1000",
            ["Broker:Profile:QueueAddressFormat"] = "/amq/queue/{0}",
            ["Broker:Profile:DeadLetterAddressFormat"] = "/amq/queue/{0}.dlq",
            ["Broker:Profile:DeadLetterMode"] = "RepublishWithReason",
            ["Broker:Queues:Payments"] = Queue,
            ["Broker:Queues:Receivables"] = "creditos.erp.receivables",
            ["Broker:Queues:BureauReports"] = "creditos.bureau.reports",
            ["Broker:Queues:OrderIntake"] = "creditos.orders.intake",
            ["Dataverse:EnvironmentUrl"] = _server.BaseUri.AbsoluteUri,
            ["Dataverse:Authentication"] = "LocalToken",
            ["Dataverse:LocalAccessToken"] = WorkerAccessToken,
            ["Pump:MaxBatchSize"] = "250",
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
        // Set up only for the worker benchmark.
        if (_workers.Count > 0)
        {
            foreach (var worker in _workers)
            {
                worker.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            _workers.Clear();
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _dataverse.Dispose();
        }

        _connection.Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>This iteration's open invoices (one per payment, spread over the customers), then its payments on the queue.</summary>
    [IterationSetup(Target = nameof(BrokerToCommittedRows))]
    public void LoadPayments()
    {
        _iteration++;
        var service = _dataverse.GetOrganizationService();
        var issued = DateTime.UtcNow.Date.AddDays(-20);
        for (var index = 0; index < Payments; index++)
        {
            service.Create(new Entity(Receivable.EntityLogicalName)
            {
                [Receivable.Fields.InvoiceNumber] = InvoiceId(index),
                [Receivable.Fields.SourceSystem] = "SAP",
                [Receivable.Fields.ErpId] = InvoiceId(index),
                [Receivable.Fields.AccountId] = _customers[index % Customers],
                [Receivable.Fields.InvoiceDate] = issued,
                [Receivable.Fields.DueDate] = issued.AddDays(30),
                [Receivable.Fields.Amount] = new Money(PaymentAmount(index)),
                [Receivable.Fields.OpenAmount] = new Money(PaymentAmount(index)),
                [Receivable.Fields.TransactionCurrencyId] = _euro,
            });
        }

        SendPaymentsAsync().GetAwaiter().GetResult();
    }

    /// <summary>The broker alone: send the payments (1,000 in flight) and receive + accept them.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Payments)]
    public async Task RawBrokerSendReceiveAccept()
    {
        _iteration++;
        await SendPaymentsAsync();
        var session = new Session(_connection);
        var receiver = new ReceiverLink(session, "bench-raw-" + Guid.NewGuid().ToString("N"), "/amq/queue/" + Queue);
        receiver.SetCredit(500);
        for (var received = 0; received < Payments;)
        {
            var message = await receiver.ReceiveAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("The broker stopped delivering.");
            receiver.Accept(message);
            received++;
        }

        await receiver.CloseAsync();
        await session.CloseAsync();
    }

    /// <summary>
    /// The worker: preloaded payments received, adapted, validated, upserted in $batch and completed; each committed
    /// payment has settled its invoice and rescored its customer in the same transaction.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Payments)]
    public async Task BrokerToCommittedRows()
    {
        var target = _dataverse.Count("cos_payment") + Payments;
        using var stopping = new CancellationTokenSource();
        long received = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == "creditos.messages.received") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref received, value));
        listener.Start();
        var running = Task.WhenAll(_workers.Select(worker => ActivatorUtilities.CreateInstance<MessagePump>(worker, QueueKind.Payments).RunAsync(stopping.Token)));
        var lastProgress = DateTime.UtcNow;
        for (var committed = target - Payments; committed < target;)
        {
            await Task.Delay(5);
            var now = _dataverse.Count("cos_payment");
            if (now > committed)
            {
                (committed, lastProgress) = (now, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - lastProgress > StallLimit)
            {
                throw new InvalidOperationException(await StallReportAsync(committed, target, Interlocked.Read(ref received)));
            }
        }

        await stopping.CancelAsync();
        await running;
    }

    /// <summary>
    /// What a stalled iteration looked like: the facts that led to the pump's silent-link watchdog (a receive that
    /// neither delivered nor timed out after a pump restart), kept so that any other stall explains itself.
    /// </summary>
    private async Task<string> StallReportAsync(int committed, int target, long received)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        probe.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", WorkerAccessToken);
        string serverAnswers;
        try
        {
            using var answer = await probe.GetAsync(new Uri(_server.BaseUri, "api/data/v9.2/WhoAmI"));
            serverAnswers = ((int)answer.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
        {
            serverAnswers = failure.GetType().Name;
        }

        return $"Only {committed} of {target} payments committed and none for {StallLimit.TotalMinutes} minutes: {received} received by the pump, "
            + $"WhoAmI answered {serverAnswers}, {_dataverse.TransactionsWaitingForLocks} transactions waiting for a row lock, row store: {_dataverse.StoreLockState}, {_dataverse.PendingAsyncOperations} async operations pending, {ThreadPool.ThreadCount} pool threads, "
            + $"{ThreadPool.PendingWorkItemCount} pool items pending. Look at the dead-letter queue {Queue}.dlq.";
    }

    /// <summary>Takes away what an earlier run left in the queue (the worker releases its prefetched messages when it stops).</summary>
    private async Task DrainQueueAsync()
    {
        var session = new Session(_connection);
        var receiver = new ReceiverLink(session, "bench-drain-" + Guid.NewGuid().ToString("N"), "/amq/queue/" + Queue);
        receiver.SetCredit(InFlightSends);
        while (await receiver.ReceiveAsync(TimeSpan.FromMilliseconds(500)) is { } leftover)
        {
            receiver.Accept(leftover);
        }

        await receiver.CloseAsync();
        await session.CloseAsync();
    }

    private async Task SendPaymentsAsync()
    {
        var session = new Session(_connection);
        var sender = new SenderLink(session, "bench-sender-" + Guid.NewGuid().ToString("N"), "/amq/queue/" + Queue);
        var inFlight = new List<Task>(InFlightSends);
        for (var index = 0; index < Payments; index++)
        {
            inFlight.Add(sender.SendAsync(Payment(index)));
            if (inFlight.Count == InFlightSends)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }

        await Task.WhenAll(inFlight);
        await sender.CloseAsync();
        await session.CloseAsync();
    }

    private Message Payment(int index)
    {
        var document = string.Create(CultureInfo.InvariantCulture, $"{_iteration}-{index}");
        var amount = PaymentAmount(index).ToString("0.00", CultureInfo.InvariantCulture);
        var body = $$$"""{"PaymentAdvice":{"CompanyCode":"1000","FiscalYear":"2026","DocumentNumber":"{{{document}}}","Customer":"{{{CustomerNumber(index % Customers)}}}","Amount":"{{{amount}}}","Currency":"EUR","ValueDate":"{{{DateTime.UtcNow:yyyy-MM-dd}}}","Items":[{"InvoiceReference":"{{{InvoiceId(index)}}}"}]}}""";
        return new Message
        {
            BodySection = new Data { Binary = Encoding.UTF8.GetBytes(body) },
            Header = new Header { Durable = true },
            Properties = new Properties { MessageId = document, Subject = "sap.payment-advice" },
        };
    }

    private static string CustomerNumber(int customer) => string.Create(CultureInfo.InvariantCulture, $"BENCH-{customer:000}");

    private string InvoiceId(int index) => string.Create(CultureInfo.InvariantCulture, $"INV-{_iteration}-{index:00000}");

    private static decimal PaymentAmount(int index) => 100m + (index % 50);
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
