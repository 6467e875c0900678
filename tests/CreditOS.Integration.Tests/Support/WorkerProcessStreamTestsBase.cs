using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Reliability;
using Microsoft.Extensions.Configuration;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// The world of the worker-process tests (sessions 28–29): the deployed worker in processes of its own (<see cref="WorkerProcess"/>)
/// against the test's local Service Bus and local Dataverse over HTTP, started one after another as a supervisor would, and
/// killed by the test at the moment its scenario names. Each process's log is kept in a folder the test deletes only when it
/// passed (the evidence of a failed run).
/// </summary>
public abstract class WorkerProcessStreamTestsBase(TimeSpan lockDuration) : ServiceBusStreamTestsBase(lockDuration)
{
    /// <summary>The queues the ledger stream uses and every worker process drains.</summary>
    private protected static readonly string[] WorkerQueues = [LocalBroker.PaymentsQueue, LocalBroker.ReceivablesQueue, LocalBroker.OrderIntakeQueue];

    private readonly HashSet<int> _killedByTest = [];

    /// <summary>Guards <see cref="Current"/>, the kills and whatever the scenario arms for the next kill.</summary>
    private protected Lock Gate { get; } = new();

    private protected string ProcessDirectory { get; } = Directory.CreateTempSubdirectory("creditos-worker-process-").FullName;

    /// <summary>Every process started, in order.</summary>
    private protected List<WorkerProcess> Processes { get; } = [];

    /// <summary>The process started last (under <see cref="Gate"/>).</summary>
    private protected WorkerProcess? Current { get; private set; }

    /// <summary>Starts the next worker process; <paramref name="arm"/> runs under <see cref="Gate"/> once it is <see cref="Current"/>.</summary>
    private protected WorkerProcess StartProcess(IConfiguration configuration, Action? arm = null)
    {
        lock (Gate)
        {
            var process = WorkerProcess.Start(configuration, ProcessDirectory, $"worker-process-{Processes.Count + 1}");
            Processes.Add(process);
            Current = process;
            arm?.Invoke();
            return process;
        }
    }

    /// <summary>SIGKILL to <see cref="Current"/> (call under <see cref="Gate"/>); returns the completions it had logged.</summary>
    private protected int KillCurrent()
    {
        var process = Current ?? throw new InvalidOperationException("No worker process was started.");
        var completed = process.Completed;
        _killedByTest.Add(process.Id);
        process.Kill();
        return completed;
    }

    /// <summary>Waits for <paramref name="condition"/>; fails at once, with the end of its log, if the process ended on its own.</summary>
    private protected async Task UntilAsync(Func<bool> condition, WorkerProcess process, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            bool killedByTest;
            lock (Gate)
            {
                killedByTest = _killedByTest.Contains(process.Id);
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

    /// <summary>
    /// After phase one: waits until <paramref name="last"/> drained it, sends the changed redeliveries (phase two), waits again
    /// and stops the process with SIGTERM; returns the completions it logged.
    /// </summary>
    private protected async Task<int> DrainPhaseTwoAndStopAsync(LedgerStream stream, WorkerProcess last, TimeSpan phaseOneWait, TimeSpan phaseTwoWait)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(last);
        await UntilAsync(() => Bus.HoldsNothing(WorkerQueues), last, phaseOneWait, "phase one drained by the last process");
        await Task.WhenAll(
            Bus.SendAsync(LocalBroker.PaymentsQueue, stream.PhaseTwoPayments.Select(ToServiceBus)),
            Bus.SendAsync(LocalBroker.OrderIntakeQueue, stream.PhaseTwoOrders.Select(ToServiceBus)));
        await UntilAsync(() => Bus.HoldsNothing(WorkerQueues), last, phaseTwoWait, "phase two drained");
        Xunit.Assert.True(await last.StopAsync(TimeSpan.FromSeconds(30)), $"the last worker process stopped on SIGTERM within 30 s (log: {last.LogPath})");
        return last.Completed;
    }

    /// <summary>
    /// The ledger as the stream says it must be: exactly the expected dead letters with their reasons, every valid payment once
    /// with its first amount, every invoice's and account's open amount equal to the recomputation, every order once, and no
    /// failed asynchronous step.
    /// </summary>
    private protected async Task AssertLedgerAsync(LedgerStream stream, IReadOnlyDictionary<string, Guid> accounts)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(accounts);
        var deadLetters = Reasons(await Bus.DeadLettersAsync(WorkerQueues));
        await Local.WaitForOpenReceivablesToSettleAsync(accounts.Values);
        var failedAsync = Local.Dataverse.AsyncOperations.Where(result => result.Error is not null).ToList();
        Xunit.Assert.True(failedAsync.Count == 0, "asynchronous steps failed: " + string.Join("; ", failedAsync.Select(result => result.ToString())));
        LedgerOutcome.Assert(Local, stream.Expected(), accounts, deadLetters);
    }

    /// <summary>Kills what is still running and ends every process's log.</summary>
    private protected async Task DisposeProcessesAsync()
    {
        foreach (var process in Processes)
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>The processes' logs are kept only when the test fails (the evidence); a passing run leaves nothing behind.</summary>
    private protected void DeleteLogs() => Directory.Delete(ProcessDirectory, recursive: true);

    private protected static ServiceBusMessage ToServiceBus(Amqp.Message message) =>
        new(BinaryData.FromBytes((byte[])message.Body))
        {
            MessageId = message.Properties.MessageId,
            Subject = message.Properties.Subject,
            ContentType = message.Properties.ContentType,
        };
}
