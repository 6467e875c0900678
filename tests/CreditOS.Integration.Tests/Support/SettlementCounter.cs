using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CreditOS.Integration.Worker.Observability;

namespace CreditOS.Integration.Tests.Support;

/// <summary>
/// Counts the worker's settlements per queue from its own metrics, so a test knows when every message it sent
/// was completed or dead-lettered (the broker's queue statistics lag behind).
/// </summary>
public sealed class SettlementCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _settled = new(StringComparer.Ordinal);

    public SettlementCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == WorkerTelemetry.Name && instrument.Name is "creditos.messages.completed" or "creditos.messages.deadlettered")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "queue" && tag.Value is string queue)
                {
                    _settled.AddOrUpdate(queue, value, (_, count) => count + value);
                }
            }
        });
        _listener.Start();
    }

    public long Settled(string queue) => _settled.GetValueOrDefault(queue);

    public void Dispose() => _listener.Dispose();
}
