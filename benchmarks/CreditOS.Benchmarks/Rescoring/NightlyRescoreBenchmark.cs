extern alias plugins;

using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CreditOS.Integration.Worker;
using CreditOS.Integration.Worker.Scheduling;
using CreditOS.LocalDataverse;
using CreditOS.LocalDataverse.WebApi.Hosting;
using CreditOS.LocalDataverse.WebApi.Protection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Xrm.Sdk;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using LocalDataverseEnvironment = CreditOS.LocalDataverse.LocalDataverse;
using Receivable = plugins::CreditOS.Dataverse.Model.Receivable;

namespace CreditOS.Benchmarks.Rescoring;

/// <summary>
/// The nightly rescoring of the whole customer base through the worker, the Web API and every creditOS plug-in, at
/// <see cref="Accounts"/> customers with <see cref="InvoicesPerAccount"/> invoices each (three years of history; one
/// customer in five pays late and leaves one invoice in ten unpaid, the others pay around the due date): set-based (cos_RescoreAccountPage, 400 accounts per call) against per-account
/// (cos_RescoreAccount for every account in $batch requests), each in its own environment seeded the same way. Every
/// iteration is a new night: the clock moves one day, so ageing moves some customers' pictures. After each night the
/// benchmark prints the organization-service operations made inside Dataverse (every plug-in's calls, as the local
/// Dataverse accounts them), the Web API requests the worker sent and the accounts written ("NIGHTLY-RESCORE" lines).
/// Run: dotnet run -c Release --project benchmarks/CreditOS.Benchmarks -- --filter '*NightlyRescore*'
/// (CREDITOS_RESCORE_ACCOUNTS=1000 for a quick look).
/// Since session 9 both paths run on one book, seeded once per process (<see cref="SharedBook"/>): the history is
/// bulk-created through the organization service before the plug-ins are registered (one transaction per customer, on
/// every core), then one set-based night establishes every account's figures and worklist, unmeasured. The measured
/// nights (a warm-up and <c>CREDITOS_RESCORE_NIGHTS</c> per path) are the real code path: the worker over HTTP and every
/// creditOS plug-in.
/// </summary>
[Config(typeof(NightlyRescoreConfig))]
public class NightlyRescoreBenchmark : IDisposable
{
    public const int InvoicesPerAccount = 100;
    private const string WorkerAccessToken = "local-benchmark-token-creditos-rescore";
    private static readonly Guid WorkerApplicationId = new("a9910000-0000-4000-8000-0000000be4c1");
    private readonly CountingHandler _requests = new();
    private NightClock _clock = null!;
    private LocalDataverseEnvironment _dataverse = null!;
    private ServiceProvider _worker = null!;
    private string _path = string.Empty;

    public static int Accounts { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("CREDITOS_RESCORE_ACCOUNTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var accounts) ? accounts : 10_000;

    /// <summary>Accounts per cos_RescoreAccountPage call (CREDITOS_RESCORE_PER_CALL, default the worker's 1,000 since session 29).</summary>
    public static int AccountsPerCall { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("CREDITOS_RESCORE_PER_CALL"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var perCall) ? perCall : 1000;

    /// <summary>
    /// Per-account path only: rescore a random sample of this many accounts of the same book each night instead of all of
    /// them (CREDITOS_RESCORE_PER_ACCOUNT_SAMPLE; 0, the default, is the whole book), for a book where the per-account
    /// night does not fit the time; the figures per account are then the sample's.
    /// </summary>
    public static int PerAccountSample { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("CREDITOS_RESCORE_PER_ACCOUNT_SAMPLE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var sample) ? sample : 0;

    /// <summary>The default rule set's material score change for this run (CREDITOS_RESCORE_MATERIAL_CHANGE; unset: the shipped default).</summary>
    public static decimal? MaterialScoreChange { get; } =
        decimal.TryParse(Environment.GetEnvironmentVariable("CREDITOS_RESCORE_MATERIAL_CHANGE"), NumberStyles.Number, CultureInfo.InvariantCulture, out var change) ? change : null;

    private int _rescored;

    [GlobalSetup(Target = nameof(SetBased))]
    public void SetUpSetBased() => SetUp(setBased: true);

    [GlobalSetup(Target = nameof(PerAccount))]
    public void SetUpPerAccount() => SetUp(setBased: false);

    [GlobalSetup(Target = nameof(TwoCallSetBased))]
    public void SetUpTwoCallSetBased() => SetUp(setBased: true, twoCalls: true);

    [IterationSetup]
    public void NextNight()
    {
        _clock.Advance(TimeSpan.FromDays(1));
        _dataverse.ClearPluginExecutions();
        _requests.Reset();
    }

    [IterationCleanup]
    public void Report()
    {
        var executions = _dataverse.PluginExecutions;
        // Session 21: the worker writes the pages' worklist rows with UpdateMultiple; each bulk request is one operation (one
        // message, one request against the service protection limits) and its rows are reported beside it.
        var pluginCalls = executions.Sum(e => e.ServiceCalls);
        var operations = pluginCalls + _requests.BulkRequests;
        var written = _dataverse.Count(plugins::CreditOS.Dataverse.Model.CreditScoreHistory.EntityLogicalName);
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "NIGHTLY-RESCORE path={0} accounts={1} rescored={10} per-call={9} invoices/account={2} operations={3} operations/account={4:0.0000} webapi-requests={5} plugin-executions={6} history-rows-so-far={7} night={8:yyyy-MM-dd} finished={11:HH:mm:ss}",
            _path,
            Accounts,
            InvoicesPerAccount,
            operations,
            (double)operations / Math.Max(1, _rescored),
            _requests.Count,
            executions.Count,
            written,
            _clock.GetUtcNow(),
            AccountsPerCall,
            _rescored,
            DateTime.UtcNow));
        Console.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "NIGHTLY-RESCORE operations = plug-in calls {0} + worker bulk requests {1} (UpdateMultiple and CreateMultiple, carrying {2} rows: {3:0.0000} rows/account); largest request body {4:N0} characters, largest response body {5:N0}",
            pluginCalls,
            _requests.BulkRequests,
            _requests.BulkRows,
            (double)_requests.BulkRows / Math.Max(1, _rescored),
            _requests.LargestRequest,
            _requests.LargestResponse));
        Console.WriteLine("NIGHTLY-RESCORE calls by plug-in: " + string.Join(", ", executions
            .GroupBy(e => e.PluginType.Name + " " + e.MessageName + " " + e.PrimaryEntityName)
            .Select(g => (name: g.Key, calls: g.Sum(e => e.ServiceCalls), runs: g.Count()))
            .Where(g => g.calls > 0)
            .OrderByDescending(g => g.calls)
            .Select(g => string.Format(CultureInfo.InvariantCulture, "{0} {1} in {2} runs", g.name, g.calls, g.runs))));
        var pages = executions
            .Select(e => System.Text.RegularExpressions.Regex.Match(e.Trace, @"Page calls: scoring (\d+) reads, (\d+) writes; collections (\d+) reads, (\d+) writes"))
            .Where(m => m.Success)
            .Select(m => Enumerable.Range(1, 4).Select(i => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
        if (pages.Count > 0)
        {
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "NIGHTLY-RESCORE page calls: {0} pages, scoring {1} reads + {2} writes, collections {3} reads + {4} writes",
                pages.Count,
                pages.Sum(p => p[0]),
                pages.Sum(p => p[1]),
                pages.Sum(p => p[2]),
                pages.Sum(p => p[3])));
            Console.WriteLine("NIGHTLY-RESCORE page reads by table: " + PageReadsByTable(executions.Select(e => e.Trace)));
            // Session 30: where the night's limit reviews were raised (the page's own writes, or sealed with the accounts' pictures and
            // opened by the sealed-picture guard when the account took its picture).
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "NIGHTLY-RESCORE limit reviews: raised by the page {0}, sealed with pictures {1}, opened by the guard {2}",
                executions.Sum(e => Count(e.Trace, "(sent to Finance).")),
                executions.Sum(e => Count(e.Trace, "(sealed with the account's picture).")),
                executions.Sum(e => Count(e.Trace, "(sent to Finance with the account's sealed picture"))));
            foreach (var line in NightlyWriteCauses.Lines(executions.Select(e => e.Trace)))
            {
                Console.WriteLine(line);
            }
        }
    }

    private static int Count(string text, string part) => System.Text.RegularExpressions.Regex.Matches(text, System.Text.RegularExpressions.Regex.Escape(part)).Count;

    /// <summary>The pages' reads summed by part and table, from their "Page reads by table" trace lines.</summary>
    private static string PageReadsByTable(IEnumerable<string> traces)
    {
        var sums = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var match in traces.SelectMany(t => System.Text.RegularExpressions.Regex.Matches(t, @"Page reads by table: scoring ([^;]*); collections ([^\r\n]*)\.").Cast<System.Text.RegularExpressions.Match>()))
        {
            foreach (var (part, group) in new[] { ("scoring", 1), ("collections", 2) })
            {
                foreach (var item in match.Groups[group].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var space = item.LastIndexOf(' ');
                    var key = part + " " + item[..space];
                    sums[key] = (sums.TryGetValue(key, out var sum) ? sum : 0) + int.Parse(item[(space + 1)..], CultureInfo.InvariantCulture);
                }
            }
        }

        return string.Join(", ", sums.Select(pair => pair.Key + " " + pair.Value.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Set-based: one cos_RescoreAccountPage call per 400 accounts.</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public Task<int> SetBased() => RunNight();

    /// <summary>
    /// Set-based in two calls a page (session 25, Scheduling:BatchRescoreTwoCalls): the scoring call hands the plain accounts' pictures
    /// and history rows back sealed, the worker writes them with UpdateMultiple and CreateMultiple, then the collections call.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public Task<int> TwoCallSetBased() => RunNight();

    /// <summary>Per-account: cos_RescoreAccount for every account, 50 per $batch.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 1)]
    public Task<int> PerAccount() => RunNight();

    /// <summary>The worker only: the shared book (Dataverse and its Web API) lives until the process ends, for the other path.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _worker?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    private async Task<int> RunNight()
    {
        var scope = _worker.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            if (_path == "per-account" && PerAccountSample > 0 && PerAccountSample < Accounts)
            {
                // The same book, a random sample of it (the same accounts every night), through the worker's own pager and rescorer.
                var all = new List<Guid>();
                await foreach (var page in scope.ServiceProvider.GetRequiredService<AccountPager>().PagesAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    all.AddRange(page);
                }

                var random = new Random(20261205);
                var sample = all.OrderBy(id => id).Select(id => (id, draw: random.Next())).OrderBy(pick => pick.draw).Take(PerAccountSample).Select(pick => pick.id).ToList();
                await scope.ServiceProvider.GetRequiredService<ICustomerBaseRescorer>().RescorePageAsync(sample, CancellationToken.None).ConfigureAwait(false);
                return _rescored = sample.Count;
            }

            return _rescored = await _worker.GetRequiredService<BatchRescoreJob>().RunOnceAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void SetUp(bool setBased, bool twoCalls = false)
    {
        _path = twoCalls ? "two-call" : setBased ? "set-based" : "per-account";
        var book = SharedBook.Get();
        _clock = book.Clock;
        _dataverse = book.Dataverse;
        _worker = Worker(book.Server, setBased, _requests, twoCalls);
    }

    /// <param name="establishing">Session 29: the unmeasured first night, whose one-call pages write every account's first picture: on the
    /// loaded local Dataverse a page of 1,000 passed the worker's 300 s batch timeout (not sent again: a one-call page's outcome is then
    /// unknown), so that night's worker waits up to 30 minutes a call. The measured nights keep the worker's own timeout.</param>
    private static ServiceProvider Worker(LocalDataverseWebApiServer server, bool setBased, CountingHandler? requests, bool twoCalls = false, bool establishing = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dataverse:EnvironmentUrl"] = server.BaseUri.AbsoluteUri,
            ["Dataverse:Authentication"] = "LocalToken",
            ["Dataverse:LocalAccessToken"] = WorkerAccessToken,
            ["Scheduling:BatchRescoreSetBased"] = setBased ? "true" : "false",
            ["Scheduling:BatchRescoreTwoCalls"] = twoCalls ? "true" : "false",
            ["Scheduling:BatchRescorePageSize"] = "5000",
            ["Scheduling:BatchRescoreAccountsPerCall"] = AccountsPerCall.ToString(CultureInfo.InvariantCulture),
            ["Scheduling:KpiSnapshotEnabled"] = "false",
        }.Concat(establishing ? [new KeyValuePair<string, string?>("Dataverse:BatchAttemptTimeout", "00:30:00")] : [])).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.TimestampFormat = "HH:mm:ss.fff "));
        services.AddCreditOsWorkerCore(configuration);
        services.AddSingleton<BatchRescoreJob>();
        if (requests is not null)
        {
            services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => requests.Fresh()));
        }

        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The book both paths rescore, built once per process: <see cref="Accounts"/> customers with
    /// <see cref="InvoicesPerAccount"/> invoices each, created through the organization service (validated like any
    /// create) before the plug-ins are registered, as the solution would be deployed onto migrated data; one
    /// transaction per customer and one worker thread per core, each customer's invoices drawn from its own seed (so
    /// the book is the same whatever the threads' order). Then the plug-ins, the worker's application user and the Web
    /// API, and one set-based night (unmeasured) that scores every account and writes its worklist, as the first
    /// night after go-live would.
    /// </summary>
    private sealed class SharedBook
    {
        private static readonly Lazy<SharedBook> Instance = new(() => new SharedBook(), LazyThreadSafetyMode.ExecutionAndPublication);

        private SharedBook()
        {
            Clock = new NightClock();
            Dataverse = new LocalDataverseEnvironment(new LocalDataverseOptions { Clock = Clock });
            var service = Dataverse.GetOrganizationService();
            // The solution's approval data (queues, Finance team, routes, environment variables): a rescoring may raise a limit review.
            Dataverse.CreateUser("Ada Admin", CreditOS.Testing.FixedIds.AdminUser);
            CreditOS.Testing.Builders.ApprovalsSolutionData.Import(Dataverse, service);
            // An administrator's material score change (CREDITOS_RESCORE_MATERIAL_CHANGE): the default rule set seeded as rows with it.
            var euro = CreditReferenceData.Seed(service, "EUR", "Euro", "€", importEnvironmentVariables: false, materialScoreChange: MaterialScoreChange);
            if (MaterialScoreChange is { } threshold)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "NIGHTLY-RESCORE material score change {0} points (default rule set seeded as rows)", threshold));
            }

            var today = Clock.GetUtcNow().UtcDateTime.Date;
            var started = DateTime.UtcNow;
            var seeded = 0;
            Parallel.For(0, Accounts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, customer =>
            {
                Dataverse.RunInOneTransaction(Dataverse.SystemUserId, inTransaction =>
                {
                    SeedCustomer(inTransaction, customer, euro, today);
                    return true;
                });
                if (Interlocked.Increment(ref seeded) % 1000 == 0)
                {
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "NIGHTLY-RESCORE seeding: {0} of {1} customers, {2:0.0} min", seeded, Accounts, (DateTime.UtcNow - started).TotalMinutes));
                }
            });
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "NIGHTLY-RESCORE seeded {0} customers x {1} invoices in {2:0.0} min", Accounts, InvoicesPerAccount, (DateTime.UtcNow - started).TotalMinutes));

            // Registered after the history is loaded, as the solution would be deployed onto migrated data.
            Dataverse.RegisterPluginAssembly(typeof(plugins::CreditOS.Plugins.RescoreAccountPagePlugin).Assembly);
            // Session 29: what deployment does once the configuration is imported with the plug-ins in place (as PaymentBenchmarkBook):
            // stamp its version, so the pages keep the configuration under the stamp (ConfigurationVersionPlugin stamps every later change).
            plugins::CreditOS.Dataverse.Credit.Configuration.ConfigurationVersion.Bump(service, CreditOS.Benchmarks.Integration.NoTracing.Instance);
            var workerUser = ApplicationUsers.Create(Dataverse, "creditOS integration worker", WorkerApplicationId);
            ApplicationUsers.AssignRole(Dataverse, workerUser, "creditOS Integration");
            Dataverse.AssignFieldSecurityProfile(workerUser, Dataverse.SolutionFieldSecurityProfileId("creditOS Integration Readers"));
            var serverOptions = new LocalDataverseWebApiOptions { ServiceProtection = new ServiceProtectionOptions() };
            serverOptions.AccessTokens[WorkerAccessToken] = WorkerApplicationId;
            Server = LocalDataverseWebApiServer.StartAsync(Dataverse, serverOptions).GetAwaiter().GetResult();

            // The first night after go-live (every account scored, every open invoice's worklist written): not measured.
            started = DateTime.UtcNow;
            using (var worker = Worker(Server, setBased: true, requests: null, establishing: true))
            {
                var rescored = worker.GetRequiredService<BatchRescoreJob>().RunOnceAsync(CancellationToken.None).GetAwaiter().GetResult();
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "NIGHTLY-RESCORE established night (set-based, not measured): {0} accounts, {1} operations, {2:0.0} min", rescored, Dataverse.PluginExecutions.Sum(e => e.ServiceCalls), (DateTime.UtcNow - started).TotalMinutes));
            }

            Dataverse.ClearPluginExecutions();
        }

        public NightClock Clock { get; }

        public LocalDataverseEnvironment Dataverse { get; }

        public LocalDataverseWebApiServer Server { get; }

        public static SharedBook Get() => Instance.Value;

        private static void SeedCustomer(IOrganizationService service, int customer, EntityReference euro, DateTime today)
        {
            var random = new Random(20261204 + customer);
            var account = new EntityReference(Account.EntityLogicalName, service.Create(new Entity(Account.EntityLogicalName)
            {
                [Account.Fields.Name] = "Nightly customer " + customer.ToString(CultureInfo.InvariantCulture),
                [Account.Fields.AccountNumber] = "N" + customer.ToString("D7", CultureInfo.InvariantCulture),
                [Account.Fields.TransactionCurrencyId] = euro,
            }));
            // One customer in five pays late and leaves some invoices unpaid; the others pay everything around the due date.
            var slowPayer = customer % 5 == 0;
            var lateness = slowPayer ? random.Next(10, 60) : random.Next(0, 10);
            for (var invoice = 0; invoice < InvoicesPerAccount; invoice++)
            {
                var issued = today.AddDays(-random.Next(1, 3 * 365));
                var due = issued.AddDays(30);
                var amount = Math.Round((decimal)(200 + (random.NextDouble() * 9_800)), 2);
                var paid = due.AddDays(random.Next(-10, 10 + lateness));
                var open = paid > today || (slowPayer && random.Next(10) == 0);
                var number = "N" + customer.ToString("D7", CultureInfo.InvariantCulture) + "-" + invoice.ToString("D3", CultureInfo.InvariantCulture);
                var row = new Entity(Receivable.EntityLogicalName)
                {
                    [Receivable.Fields.InvoiceNumber] = number,
                    [Receivable.Fields.SourceSystem] = "ERP",
                    [Receivable.Fields.ErpId] = number,
                    [Receivable.Fields.AccountId] = account,
                    [Receivable.Fields.InvoiceDate] = issued,
                    [Receivable.Fields.DueDate] = due,
                    [Receivable.Fields.Amount] = new Money(amount),
                    [Receivable.Fields.OpenAmount] = new Money(open ? amount : 0m),
                    [Receivable.Fields.TransactionCurrencyId] = euro,
                };
                if (!open)
                {
                    row[Receivable.Fields.SettledOn] = paid;
                }

                service.Create(row);
            }
        }
    }

    /// <summary>The benchmark's clock: real time moved on by whole nights.</summary>
    private sealed class NightClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }

    /// <summary>
    /// Counts the HTTP requests the worker's clients send (each $batch is one request, as Dataverse counts it), and the bulk
    /// messages inside them: each UpdateMultiple or CreateMultiple operation and the rows (targets, each with its @odata.type) it carries.
    /// </summary>
    private sealed class CountingHandler
    {
        private static readonly string[] BulkMessages = ["/Microsoft.Dynamics.CRM.UpdateMultiple", "/Microsoft.Dynamics.CRM.CreateMultiple"];
        private int _count;
        private int _bulkRequests;
        private int _bulkRows;
        private long _largestRequest;
        private long _largestResponse;

        public int Count => Volatile.Read(ref _count);

        public int BulkRequests => Volatile.Read(ref _bulkRequests);

        public int BulkRows => Volatile.Read(ref _bulkRows);

        /// <summary>Session 29: the largest request body and response body of the night, in characters (the sealed payloads travel in them).</summary>
        public long LargestRequest => Interlocked.Read(ref _largestRequest);

        public long LargestResponse => Interlocked.Read(ref _largestResponse);

        public void Reset()
        {
            Interlocked.Exchange(ref _count, 0);
            Interlocked.Exchange(ref _bulkRequests, 0);
            Interlocked.Exchange(ref _bulkRows, 0);
            Interlocked.Exchange(ref _largestRequest, 0);
            Interlocked.Exchange(ref _largestResponse, 0);
        }

        public DelegatingHandler Fresh() => new Counter(this);

        private sealed class Counter(CountingHandler owner) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._count);
                if (request.Content is { } content)
                {
                    var text = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    Largest(ref owner._largestRequest, text.Length);
                    var bulk = BulkMessages.Sum(message => Occurrences(text, message));
                    if (bulk > 0)
                    {
                        Interlocked.Add(ref owner._bulkRequests, bulk);
                        Interlocked.Add(ref owner._bulkRows, Occurrences(text, "\"@odata.type\""));
                    }
                }

                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                // Buffered here, so the worker reads the same body after it.
                Largest(ref owner._largestResponse, (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Length);
                return response;
            }

            private static void Largest(ref long largest, long size)
            {
                for (var seen = Interlocked.Read(ref largest); size > seen; seen = Interlocked.Read(ref largest))
                {
                    if (Interlocked.CompareExchange(ref largest, size, seen) == seen)
                    {
                        return;
                    }
                }
            }

            private static int Occurrences(string text, string part)
            {
                var count = 0;
                for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
                {
                    count++;
                }

                return count;
            }
        }
    }
}

/// <summary>
/// One night per iteration (Monitoring: no pilot, one invocation each), one warm-up night and three measured ones, in
/// process: the environment is built in the benchmark's own process, 10,000 customers and a million invoices.
/// </summary>
public sealed class NightlyRescoreConfig : ManualConfig
{
    public NightlyRescoreConfig() =>
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(int.TryParse(Environment.GetEnvironmentVariable("CREDITOS_RESCORE_NIGHTS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var nights) ? nights : 3)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(90), logOutput: true)));
}
