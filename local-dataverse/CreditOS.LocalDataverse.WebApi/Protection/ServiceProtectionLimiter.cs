using System.Collections.Concurrent;
using System.Globalization;

namespace CreditOS.LocalDataverse.WebApi.Protection;

/// <summary>Why a request was refused: the limit's error code, Dataverse's wording and how long to wait.</summary>
public sealed record ServiceProtectionRefusal(int ErrorCode, string Message, TimeSpan RetryAfter);

/// <summary>
/// Counts each user's requests, combined execution time and concurrent requests over a sliding window, and
/// refuses a request that would go over any of them (the Web API then answers 429 with Retry-After).
/// </summary>
public sealed class ServiceProtectionLimiter(ServiceProtectionOptions options, TimeProvider clock)
{
    /// <summary>0x80072322: number of requests exceeded.</summary>
    public const int RequestsExceeded = unchecked((int)0x80072322);

    /// <summary>0x80072321: combined execution time exceeded.</summary>
    public const int ExecutionTimeExceeded = unchecked((int)0x80072321);

    /// <summary>0x80072326: number of concurrent requests exceeded.</summary>
    public const int ConcurrencyExceeded = unchecked((int)0x80072326);

    private static readonly TimeSpan ConcurrencyRetryAfter = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<Guid, UserUsage> _users = new();

    public ServiceProtectionOptions Options => options;

    /// <summary>Admits the request (returning a lease to dispose when it ends) or explains the refusal.</summary>
    public ServiceProtectionLease? TryAcquire(Guid userId, out ServiceProtectionRefusal? refusal)
    {
        refusal = null;
        if (!options.Enabled)
        {
            return new ServiceProtectionLease(null, clock);
        }

        var usage = _users.GetOrAdd(userId, _ => new UserUsage());
        var now = clock.GetUtcNow();
        lock (usage)
        {
            usage.Prune(now - options.Window);
            if (usage.Requests.Count >= options.RequestsPerWindow)
            {
                refusal = new ServiceProtectionRefusal(
                    RequestsExceeded,
                    Invariant($"Number of requests exceeded the limit of {options.RequestsPerWindow} over time window of {options.Window.TotalSeconds:F0} seconds."),
                    RetryAfter(usage.Requests.Peek() + options.Window - now));
                return null;
            }

            if (usage.ExecutionTime >= options.ExecutionTimePerWindow)
            {
                refusal = new ServiceProtectionRefusal(
                    ExecutionTimeExceeded,
                    // Worded as "Service protection API limits" (api-limits, "Execution time") publishes it: "Combined execution time of
                    // incoming requests exceeded limit of 1,200,000  milliseconds over time window of 300 seconds. …", the milliseconds
                    // with thousands separators and two spaces before the unit. It read "1200000 milliseconds" before fidelity round 6.
                    Invariant($"Combined execution time of incoming requests exceeded limit of {options.ExecutionTimePerWindow.TotalMilliseconds:N0}  milliseconds over time window of {options.Window.TotalSeconds:F0} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later."),
                    RetryAfter(usage.Executions.Peek().EndedAt + options.Window - now));
                return null;
            }

            if (usage.Concurrent >= options.MaxConcurrentRequests)
            {
                refusal = new ServiceProtectionRefusal(
                    ConcurrencyExceeded,
                    Invariant($"Number of concurrent requests exceeded the limit of {options.MaxConcurrentRequests}."),
                    ConcurrencyRetryAfter);
                return null;
            }

            usage.Requests.Enqueue(now);
            usage.Concurrent++;
        }

        return new ServiceProtectionLease(usage, clock);
    }

    private static TimeSpan RetryAfter(TimeSpan wait) => wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    internal sealed class UserUsage
    {
        public Queue<DateTimeOffset> Requests { get; } = new();

        public Queue<(DateTimeOffset EndedAt, TimeSpan Duration)> Executions { get; } = new();

        public TimeSpan ExecutionTime { get; set; }

        public int Concurrent { get; set; }

        public void Prune(DateTimeOffset windowStart)
        {
            while (Requests.Count > 0 && Requests.Peek() < windowStart)
            {
                Requests.Dequeue();
            }

            while (Executions.Count > 0 && Executions.Peek().EndedAt < windowStart)
            {
                ExecutionTime -= Executions.Dequeue().Duration;
            }
        }
    }
}

/// <summary>One admitted request; disposing it records its execution time and frees its concurrency slot.</summary>
public sealed class ServiceProtectionLease : IDisposable
{
    private readonly ServiceProtectionLimiter.UserUsage? _usage;
    private readonly TimeProvider _clock;
    private readonly long _started;
    private bool _disposed;

    internal ServiceProtectionLease(ServiceProtectionLimiter.UserUsage? usage, TimeProvider clock)
    {
        _usage = usage;
        _clock = clock;
        _started = clock.GetTimestamp();
    }

    public void Dispose()
    {
        if (_disposed || _usage is null)
        {
            return;
        }

        _disposed = true;
        var duration = _clock.GetElapsedTime(_started);
        lock (_usage)
        {
            _usage.Concurrent--;
            _usage.Executions.Enqueue((_clock.GetUtcNow(), duration));
            _usage.ExecutionTime += duration;
        }
    }
}
