using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Reliability;
using CreditOS.Integration.Tests.Support;
using CreditOS.LocalDataverse.WebApi.OData;
using CreditOS.LocalServiceBus;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Issue 15, session 29: the deployed worker process (official client) and the local Service Bus process killed with SIGKILL
/// at the moments session 28 left, each reached deterministically rather than by luck:
/// <list type="bullet">
/// <item>worker moments are seen by the broker itself (<see cref="LocalServiceBusServer.MomentHook"/>, a test hook the host
/// never sets): the hook kills the worker process when its frame arrives and drops the frame, so it is one the process never
/// got out; every later frame of the dead process is dropped too, until the next process starts;</item>
/// <item>broker moments use the local Service Bus's configured fault point (<see cref="StoreWriteHold"/>, off by default): the
/// broker runs as its own process on the test's database file and ports, stops one store write after it is written and before
/// its commit, and is killed there; the test's in-process broker then starts again on what the killed process left.</item>
/// </list>
/// The stream is the ledger stream (payments colliding on invoices, credit notes, new invoices, orders, identical redeliveries,
/// malformed ones) and, once that is in, changed redeliveries (payments and orders with other figures: conflicts). Outcome, as
/// session 28's test: every valid payment exactly once with its first amount, every invoice's and account's open amount equal
/// to the recomputation, every order once, exactly the expected dead letters (the changed redeliveries as conflicts, never
/// overwrites), nothing left on a queue; and every order's outcome published on the outcome topic, the same outcome each time.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed partial class WorkerProcessKillMomentsTests(ITestOutputHelper output) : WorkerProcessStreamTestsBase(LockDuration)
{
    private const int Size = 300;

    /// <summary>Completions a process logs before a worker moment is armed: the kill comes mid-stream, not at the start.</summary>
    private const int AfterCompleted = 40;

    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(5);

    private readonly List<string> _kills = [];
    private WorkerMoment? _armed;
    private TaskCompletionSource? _killed;
    private bool _deadProcessFrames;
    private bool _batchHeld;

    public enum WorkerMoment
    {
        /// <summary>The first completion of a payment after the process completed <see cref="AfterCompleted"/>: its write committed, its completion never arrives.</summary>
        BetweenCommitAndCompletion,

        /// <summary>A lock renewal while a payment-posting $batch is held at Dataverse (longer than half the lock): the batch then commits with its process gone.</summary>
        DuringLockRenewalOfALongBatch,

        /// <summary>An order outcome sent to the order-outcome topic: the order is in Dataverse, its outcome never stored, its message not completed.</summary>
        DuringOutcomeSend,

        /// <summary>A receive link attaching at the process's start, with the queues full and a killed process's locks still held.</summary>
        WhileTheReceiverConnects,

        /// <summary>
        /// Session 30: as <see cref="BetweenCommitAndCompletion"/>, then, before the next process starts, a tampered copy of the
        /// message whose completion never arrived (the same message id and payment id, another amount) is on the queue beside it:
        /// the copy must be a conflict (<c>PostedPaymentChanged</c>), the first copy's redelivery a redelivery.
        /// </summary>
        BetweenCommitAndCompletionThenATamperedCopy,
    }

    public enum BrokerMoment
    {
        /// <summary>The broker process persisting a payment's completion (the 41st): its row deleted, not committed.</summary>
        PersistingACompletion,

        /// <summary>The broker process persisting an order outcome sent to the topic (the 6th): its copies inserted, not committed.</summary>
        PersistingAnOutcome,

        /// <summary>The broker process persisting the first dead letter (a malformed message): moved, not committed.</summary>
        PersistingADeadLetter,
    }

    [Theory]
    [InlineData(WorkerMoment.BetweenCommitAndCompletion)]
    [InlineData(WorkerMoment.DuringLockRenewalOfALongBatch)]
    [InlineData(WorkerMoment.DuringOutcomeSend)]
    [InlineData(WorkerMoment.WhileTheReceiverConnects)]
    [InlineData(WorkerMoment.BetweenCommitAndCompletionThenATamperedCopy)]
    public async Task Worker_process_killed_at_a_moment_loses_no_money_applies_none_twice_and_keeps_conflicts(WorkerMoment moment)
    {
        // While the receiver connects: a process killed mid-stream first, so its locks are still held when the next one starts.
        WorkerMoment[] kills = moment == WorkerMoment.WhileTheReceiverConnects ? [WorkerMoment.BetweenCommitAndCompletion, moment] : [moment];
        await RunAsync(moment.ToString(), async (configuration, stream) =>
        {
            Bus.Server.MomentHook = OnMoment;
            foreach (var kill in kills)
            {
                var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var process = StartProcess(configuration, () =>
                {
                    _armed = kill;
                    _killed = killed;
                    _deadProcessFrames = false;
                });
                await UntilAsync(() => killed.Task.IsCompleted, process, TimeSpan.FromSeconds(120), $"process {Processes.Count} reaching the moment {kill}");
                Assert.True(process.HasExited, "the killed process is gone");
            }

            if (moment == WorkerMoment.BetweenCommitAndCompletionThenATamperedCopy)
            {
                await SendTamperedCopyAsync(stream, _completionNeverSent ?? throw new InvalidOperationException("The dropped completion named no message."));
            }

            return StartProcess(configuration, () =>
            {
                _armed = null;
                _deadProcessFrames = false;
            });
        });
    }

    [Theory]
    [InlineData(BrokerMoment.PersistingACompletion)]
    [InlineData(BrokerMoment.PersistingAnOutcome)]
    [InlineData(BrokerMoment.PersistingADeadLetter)]
    public async Task Broker_process_killed_while_it_persists_loses_no_money_applies_none_twice_and_keeps_conflicts(BrokerMoment moment)
    {
        var hold = moment switch
        {
            BrokerMoment.PersistingACompletion => new StoreWriteHold { Operation = StoreWriteHold.Delete, Entity = LocalBroker.PaymentsQueue, After = AfterCompleted },
            BrokerMoment.PersistingAnOutcome => new StoreWriteHold { Operation = StoreWriteHold.Insert, Entity = LocalServiceBusForWorker.OrderOutcomesTopic, After = 5 },
            _ => new StoreWriteHold { Operation = StoreWriteHold.Move, After = 0 },
        };
        await RunAsync("broker " + moment, async (configuration, _) =>
        {
            // The broker as a process of its own on the test's database file and ports; the worker process connects to it.
            Bus.Stop();
            var broker = WorkerProcess.Start(LocalServiceBusHost.Assembly, LocalServiceBusHost.ConfigurationFor(Bus.Options, hold), ProcessDirectory, "local-servicebus");
            await using (broker)
            {
                var held = broker.LineContaining(MessageStoreHoldMarker);
                var worker = StartProcess(configuration);
                await UntilAsync(() => held.IsCompleted || broker.HasExited, worker, TimeSpan.FromSeconds(120), $"the broker process holding a {hold.Operation} before its commit");
                Assert.True(held.IsCompleted, $"the broker process ended before its fault point (its log: {broker.LogPath}):\n{broker.Tail()}");
                broker.Kill();
                lock (Gate)
                {
                    _kills.Add($"broker SIGKILL at \"{held.Result.Trim()}\" (the worker had completed {worker.Completed})");
                }
            }

            // Started again on what the killed process left (its open transaction rolled back by SQLite); the same worker
            // process goes on through its client's reconnects.
            Bus.Start();
            return Processes[^1];
        });
    }

    /// <summary>
    /// Session 29, task 2: SIGTERM while a payment-posting $batch is at Dataverse. The host waits Pump:ShutdownTimeout (here
    /// 15 s) for the pumps; within it every pump stops (its in-flight batch settled: abandoned as the stop cancels its
    /// Dataverse call, or completed), the process exits, and it settled every message it received (its log, queue by queue:
    /// <see cref="StoppedWorkerReceipts"/>). The batch commits at Dataverse after the process is gone; the next process's
    /// redelivery finds it written (no money twice). Messages it gave back may bounce to its closing link and stay locked for
    /// one lock duration (session 32: the official client cannot drain before it settles); they are reported, and the run's
    /// ledger check proves the next process handled them.
    /// </summary>
    [Fact]
    public async Task SIGTERM_with_a_batch_in_flight_stops_cleanly_within_the_shutdown_timeout()
    {
        var shutdownTimeout = TimeSpan.FromSeconds(15);
        var stopped = TimeSpan.Zero;
        var lockedAfterExit = new List<string>();
        IReadOnlyDictionary<string, (int Received, int Settled)> unsettled = new Dictionary<string, (int, int)>();
        await RunAsync("SIGTERM", async (configuration, _) =>
        {
            var stopping = new TaskCompletionSource<WorkerProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = StartProcess(configuration, () =>
            {
                _armed = null;
                _killed = null;
            });
            _sigtermAt = stopping;
            var stop = Task.Run(async () =>
            {
                var target = await stopping.Task;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var exited = await target.StopAsync(shutdownTimeout + TimeSpan.FromSeconds(10));
                stopped = clock.Elapsed;
                return exited;
            });
            await UntilAsync(() => stopping.Task.IsCompleted, process, TimeSpan.FromSeconds(120), "a payment-posting $batch at Dataverse to send SIGTERM with");
            Assert.True(await stop, $"the process exited on SIGTERM (log: {process.LogPath})");
            lockedAfterExit.AddRange(WorkerQueues.SelectMany(queue => Bus.Server.DescribeMessages(queue, 1000)).Where(line => line.Contains(" locked for ", StringComparison.Ordinal)));
            var log = File.ReadAllText(process.LogPath);
            foreach (var queue in new[] { LocalBroker.PaymentsQueue, LocalBroker.ReceivablesQueue, LocalBroker.BureauQueue, LocalBroker.OrderIntakeQueue })
            {
                Assert.Contains($"{queue}: pump stopped", log, StringComparison.Ordinal);
            }

            unsettled = StoppedWorkerReceipts.Unsettled(log);

            return StartProcess(configuration);
        }, new Dictionary<string, string?> { ["Pump:ShutdownTimeout"] = shutdownTimeout.ToString("c", CultureInfo.InvariantCulture) });

        Assert.True(stopped < shutdownTimeout, $"SIGTERM to exit took {stopped.TotalSeconds:0.0} s, beyond Pump:ShutdownTimeout ({shutdownTimeout.TotalSeconds:0} s)");
        Assert.True(unsettled.Count == 0, "the stopped process left received messages unsettled: " + string.Join("; ", unsettled.Select(entry => $"{entry.Key} received {entry.Value.Received}, settled {entry.Value.Settled}")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SIGTERM with a $batch in flight: exited in {stopped.TotalSeconds:0.0} s (Pump:ShutdownTimeout {shutdownTimeout.TotalSeconds:0} s), every received message settled; {lockedAfterExit.Count} given back and locked until their lock ran out{(lockedAfterExit.Count > 0 ? ": " + string.Join("; ", lockedAfterExit) : string.Empty)}."));
    }

    private TaskCompletionSource<WorkerProcess>? _sigtermAt;

    private static string MessageStoreHoldMarker => "LOCAL-SERVICEBUS-HOLD:";

    /// <summary>
    /// The common run: phase one sent, <paramref name="scenario"/> kills what it kills and returns the process that drains
    /// the rest; then the changed redeliveries; a SIGTERM; the ledger, the dead letters and the order outcomes checked.
    /// </summary>
    private async Task RunAsync(string what, Func<IConfiguration, LedgerStream, Task<WorkerProcess>> scenario, Dictionary<string, string?>? settings = null)
    {
        var stream = new LedgerStream(Size, seed: 20_261_229);
        var accounts = Local.SeedLedger(stream);
        CreditPlugins.Register(Local.Dataverse);
        await Task.WhenAll(
            Bus.SendAsync(LocalBroker.PaymentsQueue, stream.PhaseOnePayments.Select(ToServiceBus)),
            Bus.SendAsync(LocalBroker.ReceivablesQueue, stream.PhaseOneReceivables.Select(ToServiceBus)),
            Bus.SendAsync(LocalBroker.OrderIntakeQueue, stream.PhaseOneOrders.Select(ToServiceBus)));

        var overrides = new Dictionary<string, string?>
        {
            ["Broker:ServiceBus:LockRenewalInterval"] = "00:00:01",
            ["Pump:MaxBatchSize"] = "25",
        };
        foreach (var (key, value) in settings ?? [])
        {
            overrides[key] = value;
        }

        var configuration = WorkerConfiguration.ForServiceBus(Local.Server.BaseUri, Bus, overrides);
        var started = DateTime.UtcNow;
        int completedByLast;
        try
        {
            var last = await scenario(configuration, stream);
            completedByLast = await DrainPhaseTwoAndStopAsync(stream, last, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(90));
        }
        finally
        {
            Bus.Server.MomentHook = null;
            await DisposeProcessesAsync();
        }

        await AssertLedgerAsync(stream, accounts);
        var outcomes = await Bus.DrainSubscriptionAsync(LocalServiceBusForWorker.OrderOutcomesTopic, LocalServiceBusForWorker.AllOutcomesSubscription);
        var outcomesPerOrder = AssertEveryOrderHasOneOutcome(stream, outcomes);
        lock (Gate)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{what}: {stream.Total} messages ({stream.Payments.Count} distinct payments, {stream.Orders.Count} orders), {Processes.Count} worker process(es); {string.Join("; ", _kills)}; the last completed {completedByLast}; {outcomes.Count} outcome publication(s), up to {outcomesPerOrder} per order; {(DateTime.UtcNow - started).TotalSeconds:0} s."));
        }

        DeleteLogs();
    }

    /// <summary>
    /// Every order the stream creates has its outcome on the topic, and the same one each time it was published (a redelivered
    /// order tells the channel the existing order's outcome again); a changed redelivery's Conflict is an outcome of its own.
    /// </summary>
    private static int AssertEveryOrderHasOneOutcome(LedgerStream stream, List<ServiceBusReceivedMessage> outcomes)
    {
        var byOrder = outcomes
            // An order message that could not be read has an outcome without a channel (it names no order).
            .Where(message => message.ApplicationProperties.ContainsKey("Channel") && (string)message.ApplicationProperties["Outcome"] != "Conflict")
            .GroupBy(message => $"{message.ApplicationProperties["Channel"]}:{message.ApplicationProperties["ChannelOrderRef"]}", StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(message => (string)message.ApplicationProperties["Outcome"]).ToList(), StringComparer.Ordinal);
        var missing = stream.Orders.Keys.Where(order => !byOrder.ContainsKey(order)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"orders without an outcome on the topic: {string.Join(", ", missing)} (outcomes for {string.Join(", ", byOrder.Keys.Order(StringComparer.Ordinal))})");
        var mixed = byOrder.Where(pair => pair.Value.Distinct(StringComparer.Ordinal).Count() > 1).Select(pair => $"{pair.Key}: {string.Join("/", pair.Value)}").ToList();
        Assert.True(mixed.Count == 0, "orders published with different outcomes: " + string.Join("; ", mixed));
        return byOrder.Count == 0 ? 0 : byOrder.Values.Max(list => list.Count);
    }

    /// <summary>The broker's view of the worker's frames: kills the current process at the armed moment and drops the frame.</summary>
    private BrokerMomentAction OnMoment(LocalServiceBus.BrokerMoment moment)
    {
        lock (Gate)
        {
            if (_deadProcessFrames)
            {
                return BrokerMomentAction.Drop; // sent by the killed process after its moment: never got out
            }

            if (_armed is not { } armed || Current is not { } process)
            {
                return BrokerMomentAction.Proceed;
            }

            var hit = armed switch
            {
                WorkerMoment.BetweenCommitAndCompletion or WorkerMoment.BetweenCommitAndCompletionThenATamperedCopy => moment is { Kind: BrokerMomentKind.Settlement, Detail: "complete", EntityPath: LocalBroker.PaymentsQueue } && process.Completed >= AfterCompleted,
                WorkerMoment.DuringLockRenewalOfALongBatch => moment is { Kind: BrokerMomentKind.RenewLock, EntityPath: LocalBroker.PaymentsQueue } && _batchHeld,
                WorkerMoment.DuringOutcomeSend => moment is { Kind: BrokerMomentKind.Send, EntityPath: LocalServiceBusForWorker.OrderOutcomesTopic } && process.Completed >= 5,
                _ => moment.Kind == BrokerMomentKind.ReceiverAttach && WorkerQueues.Contains(moment.EntityPath, StringComparer.OrdinalIgnoreCase),
            };
            if (!hit)
            {
                return BrokerMomentAction.Proceed;
            }

            _completionNeverSent ??= moment.Kind == BrokerMomentKind.Settlement && moment.MessageIds.Count > 0 ? moment.MessageIds[0] : null;
            var completed = KillCurrent();
            _kills.Add($"SIGKILL {armed} ({moment.Kind} {moment.Detail} on {moment.EntityPath}) after {completed} completions");
            _armed = null;
            _deadProcessFrames = true;
            _killed?.TrySetResult();
            return BrokerMomentAction.Drop;
        }
    }

    /// <summary>
    /// Holds a payment-posting $batch at Dataverse (a long batch) while the lock-renewal moment is armed, until the process is
    /// killed on a renewal or 4 s (most of the 5 s lock) pass, then lets it commit; sends SIGTERM with such a batch in flight
    /// for the shutdown test.
    /// </summary>
    private protected override WebApiResult? OnBatch(int number, WebApiRequest request)
    {
        var body = request.Body ?? string.Empty;
        if (!body.Contains("/cos_payments(", StringComparison.Ordinal) || !body.Contains("If-None-Match: *", StringComparison.Ordinal))
        {
            return null;
        }

        Task? waitFor = null;
        lock (Gate)
        {
            if (Current is not { } process || process.Completed < AfterCompleted)
            {
                return null;
            }

            if (_killBothAtBatch is { } both)
            {
                // Both processes SIGKILLed together while this batch is at Dataverse; it then commits with both gone.
                _killBothAtBatch = null;
                var completed = KillCurrent();
                both.Broker.Kill();
                _kills.Add($"worker and broker SIGKILL together with a payment-posting $batch at Dataverse (the worker had completed {completed})");
                both.Killed.TrySetResult();
                return null;
            }

            if (_armed == WorkerMoment.DuringLockRenewalOfALongBatch && !_batchHeld)
            {
                _batchHeld = true;
                waitFor = _killed!.Task;
            }
            else if (_sigtermAt is { } sigterm && sigterm.TrySetResult(process))
            {
                waitFor = Task.Delay(TimeSpan.FromSeconds(4)); // the SIGTERM arrives while this batch is at Dataverse
                _sigtermAt = null;
            }
        }

        if (waitFor is not null)
        {
            // On the request's own thread, before Dataverse handles it: the batch is at Dataverse all this time.
            waitFor.Wait(TimeSpan.FromSeconds(4));
            Thread.Sleep(TimeSpan.FromMilliseconds(500));
            lock (Gate)
            {
                _batchHeld = false;
            }
        }

        return null;
    }
}
