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
public sealed class WorkerProcessKillTests(ITestOutputHelper output) : WorkerProcessStreamTestsBase(LockDuration)
{
    private const int Size = 600;

    // Short, so the killed process's locks run out within the test (Service Bus' default is 60 s).
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(5);

    private readonly List<Kill> _kills = [];
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
        try
        {
            // Process 1 is killed at its first payment-posting $batch once it has completed 100 messages, and the batch then
            // commits; process 2 once it has completed 50, and Dataverse refuses the batch.
            foreach (var plan in new[] { new KillPlan(afterCompleted: 100, commits: true), new KillPlan(afterCompleted: 50, commits: false) })
            {
                var process = StartProcess(configuration, () => _armed = plan);
                await UntilAsync(() => plan.Done.Task.IsCompleted, process, TimeSpan.FromSeconds(90), $"process {Processes.Count} completing {plan.AfterCompleted} messages and posting payments again");
                Assert.True(process.HasExited, "the killed process is gone");
            }

            var last = StartProcess(configuration, () => _armed = null);
            completedByLast = await DrainPhaseTwoAndStopAsync(stream, last, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(60));
        }
        finally
        {
            await DisposeProcessesAsync();
        }

        Assert.Equal(2, _kills.Count);
        Assert.True(_kills[0].Committed && !_kills[1].Committed, "the first kill's $batch committed, the second's was refused");
        await AssertLedgerAsync(stream, accounts);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{stream.Total} messages ({stream.Payments.Count} distinct payments), 3 worker processes: SIGKILL at $batch #{_kills[0].BatchNumber} after {_kills[0].CompletedBefore} completions (the batch committed after the kill) and #{_kills[1].BatchNumber} after {_kills[1].CompletedBefore} (refused); the third completed {completedByLast}; {(DateTime.UtcNow - started).TotalSeconds:0} s from the first start to the last stop."));

        DeleteLogs();
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

        lock (Gate)
        {
            if (_armed is not { } plan || Current!.Completed < plan.AfterCompleted)
            {
                return null;
            }

            var completed = KillCurrent();
            _armed = null;
            _kills.Add(new Kill(number, completed, plan.Commits));
            plan.Done.TrySetResult();
            return plan.Commits ? null : WebApiResult.Error(503, unchecked((int)0x80040216), "Injected: refused after its worker process was killed.");
        }
    }

    /// <summary>Kill the process at its first payment-posting $batch once it has completed <paramref name="afterCompleted"/> messages; the batch then commits or is refused.</summary>
    private sealed class KillPlan(int afterCompleted, bool commits)
    {
        public int AfterCompleted { get; } = afterCompleted;

        public bool Commits { get; } = commits;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Kill(int BatchNumber, int CompletedBefore, bool Committed);
}
