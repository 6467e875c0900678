using System.Collections.Concurrent;
using CreditOS.LocalDataverse.WebApi.OData;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Dataverse faults of the soak, drawn from the run's seed: $batch requests throttled (429, Retry-After 1 s), failing (503)
/// or slow (longer than the queue's lock, so a lock that is not renewed is lost while the write runs); single receivable and
/// payment writes inside a $batch failing with 503 (the message is abandoned and may come back after a newer version).
/// </summary>
internal sealed class ServiceBusSoakFaults(int seed)
{
    private readonly Random _random = new(seed ^ 0x5EED);
    private readonly Lock _gate = new();

    /// <summary>Faults injected so far, by kind.</summary>
    public ConcurrentDictionary<string, int> Injected { get; } = new(StringComparer.Ordinal);

    public WebApiResult? Inject(WebApiRequest request)
    {
        double draw;
        int slowMs;
        lock (_gate)
        {
            draw = _random.NextDouble();
            slowMs = 1_500 + _random.Next(3_000);
        }

        if (request.Path == "$batch")
        {
            if (draw < 0.06)
            {
                Count("429");
                return WebApiResult.Error(429, unchecked((int)0x80072322), "Injected: number of requests exceeded.", new Dictionary<string, string> { ["Retry-After"] = "1" });
            }

            if (draw < 0.12)
            {
                Count("503");
                return WebApiResult.Error(503, unchecked((int)0x80040216), "Injected: service unavailable.");
            }

            if (draw < 0.22)
            {
                Count("slow $batch");
                Thread.Sleep(slowMs);
            }

            return null;
        }

        var isWrite = request.Method is "PATCH" or "POST";
        if (isWrite && ((request.Path.StartsWith("cos_receivables(", StringComparison.Ordinal) && draw < 0.10)
            || (request.Path.StartsWith("cos_payments", StringComparison.Ordinal) && draw < 0.04)))
        {
            Count("part 503");
            return WebApiResult.Error(503, unchecked((int)0x80040216), "Injected: service unavailable for this operation.");
        }

        return null;
    }

    private void Count(string kind) => Injected.AddOrUpdate(kind, 1, (_, count) => count + 1);
}
