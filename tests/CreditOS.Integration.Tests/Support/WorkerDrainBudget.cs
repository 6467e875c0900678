using System.Globalization;
using CreditOS.Integration.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// How long a test may wait for the worker to drain a stream: the worker's own worst case, derived from its configuration and
/// the queues' (session 26), not a constant. Session 25's two-worker seed 20002 failed on a fixed 150 s wait while a poison
/// payment (an invoice that never comes) still had deliveries to spend at a load average of 170.
/// <list type="bullet">
/// <item><b>The slowest message</b>: one that waits for a message that never comes spends all MaxDeliveryCount deliveries.
/// Each delivery may end in a lost lock (LockDuration before it comes back: renewal off, or a restart refusing the settlement),
/// is handled 1 + Pump:RechecksPerDelivery times (each a Dataverse call, plus once the Dataverse retries' backoff), held
/// Pump:TransientFailurePause × min(delivery, 5) and TransientFailurePause before each recheck (ServiceBusMessagePump).</item>
/// <item><b>The stream's passage</b>: every message in batches of Pump:MaxBatchSize, one Dataverse call each, with no credit
/// for concurrent batches or a second worker.</item>
/// <item><b>Outages</b>: each broker stop costs its downtime, the client's reconnect retries (5 × Broker:ReconnectMaxDelay,
/// <c>ServiceBusClientFactory</c>) and a silent link's allowance (Pump:LinkSilenceAllowance).</item>
/// </list>
/// The handling time of one Dataverse call is measured in the run (<see cref="DataverseRequestTimer.Slowest"/>, at least
/// <see cref="MinimumHandling"/>), so a loaded machine stretches the wait as it stretches the worker, and a worker that
/// stopped making progress still fails in bounded time. ServerRetryAfter: the Retry-After a throttled Dataverse answer carries
/// in the test (the worker waits the longer of it and its backoff).
/// </summary>
public sealed record WorkerDrainBudget(TimeSpan LockDuration, int MaxDeliveryCount, PumpOptions Pump, DataverseOptions Dataverse, BrokerOptions Broker, TimeSpan ServerRetryAfter)
{
    /// <summary>The client's retries per operation in <c>ServiceBusClientFactory</c>.</summary>
    private const int ClientMaxRetries = 5;

    public static readonly TimeSpan MinimumHandling = TimeSpan.FromSeconds(1);

    /// <summary>The budget for a worker with <paramref name="worker"/>'s configuration on queues with this lock duration and MaxDeliveryCount.</summary>
    public static WorkerDrainBudget Of(IConfiguration worker, TimeSpan lockDuration, int maxDeliveryCount, TimeSpan serverRetryAfter = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return new WorkerDrainBudget(
            lockDuration,
            maxDeliveryCount,
            worker.GetSection(PumpOptions.SectionName).Get<PumpOptions>() ?? new PumpOptions(),
            worker.GetSection(DataverseOptions.SectionName).Get<DataverseOptions>() ?? new DataverseOptions(),
            worker.GetSection(BrokerOptions.SectionName).Get<BrokerOptions>() ?? new BrokerOptions(),
            serverRetryAfter);
    }

    /// <summary>The Dataverse retries' whole backoff for one operation throttled on every attempt (exponential, or Retry-After when longer).</summary>
    public TimeSpan RetryBackoff => TimeSpan.FromTicks(Enumerable.Range(0, Dataverse.MaxRetryAttempts)
        .Sum(attempt => Math.Max(ServerRetryAfter.Ticks, (long)(Dataverse.RetryBaseDelay.Ticks * Math.Pow(2, attempt)))));

    /// <summary>One message spending every delivery while it waits for nothing.</summary>
    public TimeSpan SlowestMessage(TimeSpan handling)
    {
        var perDeliveryFixed = LockDuration + (handling * (Pump.RechecksPerDelivery + 1)) + RetryBackoff + (Pump.TransientFailurePause * Pump.RechecksPerDelivery);
        var holds = Enumerable.Range(1, MaxDeliveryCount).Sum(delivery => Math.Min(delivery, 5));
        return (perDeliveryFixed * MaxDeliveryCount) + (Pump.TransientFailurePause * holds);
    }

    /// <summary>Every message of the stream once, in batches of Pump:MaxBatchSize, one after another.</summary>
    public TimeSpan Passage(int messages, TimeSpan handling) => handling * Math.Ceiling(messages / (double)Pump.MaxBatchSize);

    /// <summary>Broker outages: their downtime, the client's reconnect retries and a silent link's allowance each.</summary>
    public TimeSpan Outages(int outages, TimeSpan downtime) => downtime + ((Broker.ReconnectMaxDelay * ClientMaxRetries + Pump.LinkSilenceAllowance) * outages);

    /// <summary>The whole wait for <paramref name="messages"/> with <paramref name="handling"/> per Dataverse call (at least <see cref="MinimumHandling"/>).</summary>
    public TimeSpan For(int messages, TimeSpan handling, int outages = 0, TimeSpan downtime = default)
    {
        handling = handling < MinimumHandling ? MinimumHandling : handling;
        return SlowestMessage(handling) + Passage(messages, handling) + Outages(outages, downtime);
    }

    /// <summary>The figures behind <see cref="For"/>, for a timeout's report.</summary>
    public string Describe(int messages, TimeSpan handling, int outages = 0, TimeSpan downtime = default)
    {
        handling = handling < MinimumHandling ? MinimumHandling : handling;
        return string.Create(CultureInfo.InvariantCulture, $"budget {For(messages, handling, outages, downtime).TotalSeconds:0} s = slowest message {SlowestMessage(handling).TotalSeconds:0} s (lock {LockDuration.TotalSeconds:0.#} s, MaxDeliveryCount {MaxDeliveryCount}, pause {Pump.TransientFailurePause.TotalSeconds:0.##} s, rechecks {Pump.RechecksPerDelivery}, Dataverse backoff {RetryBackoff.TotalSeconds:0.#} s) + passage {Passage(messages, handling).TotalSeconds:0} s ({messages} messages, batches of {Pump.MaxBatchSize}) + outages {Outages(outages, downtime).TotalSeconds:0} s ({outages}, down {downtime.TotalSeconds:0.#} s); handling {handling.TotalSeconds:0.0} s per Dataverse call (slowest measured)");
    }
}
