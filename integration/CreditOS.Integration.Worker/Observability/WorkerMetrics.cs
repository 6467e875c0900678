using System.Diagnostics.Metrics;

namespace CreditOS.Integration.Worker.Observability;

/// <summary>Counters for received, completed, dead-lettered, abandoned and retried messages and end-to-end latency.</summary>
public sealed class WorkerMetrics
{
    private const string QueueTag = "queue";
    private readonly Counter<long> _received;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _abandoned;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _superseded;
    private readonly Counter<long> _unordered;
    private readonly Counter<long> _locksLost;
    private readonly Histogram<double> _latency;
    private readonly TimeProvider _clock;

    public WorkerMetrics(IMeterFactory meterFactory, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _clock = clock;
        var meter = meterFactory.Create(WorkerTelemetry.Name);
        _received = meter.CreateCounter<long>("creditos.messages.received", "{message}");
        _completed = meter.CreateCounter<long>("creditos.messages.completed", "{message}");
        _deadLettered = meter.CreateCounter<long>("creditos.messages.deadlettered", "{message}");
        _abandoned = meter.CreateCounter<long>("creditos.messages.abandoned", "{message}");
        _retried = meter.CreateCounter<long>("creditos.dataverse.retries", "{request}");
        _superseded = meter.CreateCounter<long>("creditos.receivables.superseded", "{message}", "ERP invoice versions older than the one the invoice was written from: completed, nothing applied");
        _unordered = meter.CreateCounter<long>("creditos.receivables.unordered", "{message}", "ERP invoice versions written without ordering evidence (the broker gives no sequence number)");
        _locksLost = meter.CreateCounter<long>("creditos.servicebus.locks_lost", "{message}", "Peek-locks of messages the worker held that ran out before they were settled: Service Bus counts a delivery each time");
        _latency = meter.CreateHistogram<double>("creditos.messages.latency", "ms", "From receipt to settlement");
    }

    public void Received(string queue) => _received.Add(1, new KeyValuePair<string, object?>(QueueTag, queue));

    public void Completed(string queue, DateTimeOffset receivedAt)
    {
        _completed.Add(1, new KeyValuePair<string, object?>(QueueTag, queue));
        RecordLatency(queue, receivedAt);
    }

    public void DeadLettered(string queue, string reason, DateTimeOffset receivedAt)
    {
        _deadLettered.Add(1, new KeyValuePair<string, object?>(QueueTag, queue), new KeyValuePair<string, object?>("reason", reason));
        RecordLatency(queue, receivedAt);
    }

    public void Abandoned(string queue) => _abandoned.Add(1, new KeyValuePair<string, object?>(QueueTag, queue));

    public void Superseded(string queue) => _superseded.Add(1, new KeyValuePair<string, object?>(QueueTag, queue));

    public void Unordered(string queue) => _unordered.Add(1, new KeyValuePair<string, object?>(QueueTag, queue));

    public void LockLost(string queue) => _locksLost.Add(1, new KeyValuePair<string, object?>(QueueTag, queue));

    public void Retried(string reason) => _retried.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private void RecordLatency(string queue, DateTimeOffset receivedAt) =>
        _latency.Record((_clock.GetUtcNow() - receivedAt).TotalMilliseconds, new KeyValuePair<string, object?>(QueueTag, queue));
}
