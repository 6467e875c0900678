using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Reliability;
using CreditOS.Integration.Tests.Support;
using CreditOS.LocalDataverse.WebApi.OData;
using Xunit.Abstractions;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Issue 15, a worker PROCESS killed mid-stream (session 28): the deployed worker (<c>dotnet CreditOS.Integration.Worker.dll</c>,
/// official Service Bus client) runs as a separate process against the test's local Service Bus and local Dataverse over HTTP
/// (every creditOS plug-in registered), and is killed with SIGKILL while a <c>$batch</c> that posts payments is at Dataverse:
/// the first time the batch commits after the process is gone (its answer, its completions and its lock renewals never
/// happen), the second time Dataverse refuses it (nothing of it committed). A new process is started after each kill, as a
/// supervisor would. Until then the killed process's locks hold its messages; Service Bus hands them out again when the locks
/// run out (5 s here), with their delivery count raised. The stream is the ledger stream (payments colliding on 36 invoices of
/// 12 accounts, credit notes, new invoices, orders, identical redeliveries, malformed messages) and, once that is in, changed
/// redeliveries. Outcome: every valid payment exactly once with its first amount, every invoice's open amount and every
/// account's open receivables equal to the recomputation from the messages, every order once, exactly the expected dead
/// letters, nothing left on a queue.
/// </summary>
// In the broker collection: its tests run one at a time (this one runs three worker processes on a shared machine).
[Collection(BrokerCollection.Name)]
public sealed class WorkerProcessKillTests(ITestOutputHelper output) : ServiceBusStreamTestsBase(LockDuration)
{
    private const int Size = 600;

    // Short, so the killed process's locks run out within the test (Service Bus' default is 60 s).
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(5);
    private static readonly string[] WorkerQueues = [LocalBroker.PaymentsQueue, LocalBroker.ReceivablesQueue, LocalBroker.OrderIntakeQueue];

    private readonly Lock _gate = new();
    private readonly List<Kill> _kills = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("creditos-worker-process-").FullName;
    private WorkerProcess? _current;
    private KillPlan? _armed;

    [Fact]
    public async Task Worker_process_killed_with_SIGKILL_mid_batch_twice_loses_no_money_and_applies_none_twice()
    {
        var stream = new LedgerStream(Size, seed: 20_261_228);
        var accounts = Local.SeedLedger(stream);
        CreditPlugins.Register(Local.Dataverse);
        var phaseOne = new Dictionary<string, List<ServiceBusMessage>>(StringComparer.Ordinal)
        {
            [LocalBroker.PaymentsQueue] = stream.PhaseOnePayments.Select(ToServiceBus).ToList(),
            [LocalBroker.ReceivablesQueue] = stream.PhaseOneReceivables.Select(ToServiceBus).ToList(),
            [LocalBroker.OrderIntakeQueue] = stream.PhaseOneOrders.Select(ToServiceBus).ToList(),
        };
        await Task.WhenAll(phaseOne.Select(pair => Bus.SendAsync(pair.Key, pair.Value)));

        var configuration = WorkerConfiguration.ForServiceBus(Local.Server.BaseUri, Bus, new Dictionary<string, string?>
        {
            ["Broker:ServiceBus:LockRenewalInterval"] = "00:00:01",
            ["Pump:MaxBatchSize"] = "25",
        });
        var started = DateTime.UtcNow;
        var completedByLast = 0;
        var processes = new List<WorkerProcess>();
        try
        {
            // Process 1 is killed at its first payment-posting $batch once it has completed 100 messages, and the batch then
            // commits; process 2 once it has completed 50, and Dataverse refuses the batch.
            foreach (var plan in new[] { new KillPlan(afterCompleted: 100, commits: true), new KillPlan(afterCompleted: 50, commits: false) })
            {
                var process = StartProcess(configuration, processes, plan);
                await UntilAsync(() => plan.Done.Task.IsCompleted, process, TimeSpan.FromSeconds(90), $"process {processes.Count} completing {plan.AfterCompleted} messages and posting payments again");
                Assert.True(process.HasExited, "the killed process is gone");
            }

            var last = StartProcess(configuration, processes, plan: null);
            await UntilAsync(() => Bus.HoldsNothing(WorkerQueues), last, TimeSpan.FromSeconds(90), "phase one drained by the third process");
            await Task.WhenAll(
                Bus.SendAsync(LocalBroker.PaymentsQueue, stream.PhaseTwoPayments.Select(ToServiceBus)),
                Bus.SendAsync(LocalBroker.OrderIntakeQueue, stream.PhaseTwoOrders.Select(ToServiceBus)));
            await UntilAsync(() => Bus.HoldsNothing(WorkerQueues), last, TimeSpan.FromSeconds(60), "phase two drained");
            Assert.True(await last.StopAsync(TimeSpan.FromSeconds(30)), $"the last worker process stopped on SIGTERM within 30 s (log: {last.LogPath})");
            completedByLast = last.Completed;
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }

        Assert.Equal(2, _kills.Count);
        Assert.True(_kills[0].Committed && !_kills[1].Committed, "the first kill's $batch committed, the second's was refused");
        var deadLetters = Reasons(await Bus.DeadLettersAsync(WorkerQueues));
        await Local.WaitForOpenReceivablesToSettleAsync(accounts.Values);
        var failedAsync = Local.Dataverse.AsyncOperations.Where(result => result.Error is not null).ToList();
        Assert.True(failedAsync.Count == 0, "asynchronous steps failed: " + string.Join("; ", failedAsync.Select(result => result.ToString())));
        LedgerOutcome.Assert(Local, stream.Expected(), accounts, deadLetters);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{stream.Total} messages ({stream.Payments.Count} distinct payments), 3 worker processes: SIGKILL at $batch #{_kills[0].BatchNumber} after {_kills[0].CompletedBefore} completions (the batch committed after the kill) and #{_kills[1].BatchNumber} after {_kills[1].CompletedBefore} (refused); the third completed {completedByLast}; {(DateTime.UtcNow - started).TotalSeconds:0} s from the first start to the last stop."));

        // The processes' logs are kept only when the test fails (the evidence); a passing run leaves nothing behind.
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>
    /// Kills the current process at a $batch that posts payments (a create-only write of cos_payments) once it has completed
    /// <see cref="KillPlan.AfterCompleted"/> messages: on the request's own thread, before Dataverse handles it, so the process is
    /// gone while the batch is at Dataverse; then lets it commit (its answer goes nowhere) or refuses it.
    /// </summary>
    private protected override WebApiResult? OnBatch(int number, WebApiRequest request)
    {
        var body = request.Body ?? string.Empty;
        if (!body.Contains("/cos_payments(", StringComparison.Ordinal) || !body.Contains("If-None-Match: *", StringComparison.Ordinal))
        {
            return null;
        }

        lock (_gate)
        {
            if (_armed is not { } plan || _current!.Completed < plan.AfterCompleted)
            {
                return null;
            }

            var completed = _current.Completed;
            _current.Kill();
            _armed = null;
            _kills.Add(new Kill(_current.Id, number, completed, plan.Commits));
            plan.Done.TrySetResult();
            return plan.Commits ? null : WebApiResult.Error(503, unchecked((int)0x80040216), "Injected: refused after its worker process was killed.");
        }
    }

    private WorkerProcess StartProcess(Microsoft.Extensions.Configuration.IConfiguration configuration, List<WorkerProcess> processes, KillPlan? plan)
    {
        lock (_gate)
        {
            var process = WorkerProcess.Start(configuration, _directory, $"worker-process-{processes.Count + 1}");
            processes.Add(process);
            _current = process;
            _armed = plan;
            return process;
        }
    }

    /// <summary>Waits for <paramref name="condition"/>; fails at once, with the end of its log, if the process ended on its own.</summary>
    private async Task UntilAsync(Func<bool> condition, WorkerProcess process, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            bool killedByTest;
            lock (_gate)
            {
                killedByTest = _kills.Any(kill => kill.ProcessId == process.Id);
            }

            if (process.HasExited && !killedByTest && !condition())
            {
                throw new InvalidOperationException($"Worker process {process.Id} ended on its own while waiting for {what}; the end of its log ({process.LogPath}):\n{process.Tail()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. Queues: {string.Join("; ", WorkerQueues.Select(Bus.Server.Describe))}. The end of the process's log ({process.LogPath}):\n{process.Tail()}");
            }

            await Task.Delay(100);
        }
    }

    private static ServiceBusMessage ToServiceBus(Amqp.Message message) =>
        new(BinaryData.FromBytes((byte[])message.Body))
        {
            MessageId = message.Properties.MessageId,
            Subject = message.Properties.Subject,
            ContentType = message.Properties.ContentType,
        };

    /// <summary>Kill the process at its first payment-posting $batch once it has completed <paramref name="afterCompleted"/> messages; the batch then commits or is refused.</summary>
    private sealed class KillPlan(int afterCompleted, bool commits)
    {
        public int AfterCompleted { get; } = afterCompleted;

        public bool Commits { get; } = commits;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Kill(int ProcessId, int BatchNumber, int CompletedBefore, bool Committed);
}
