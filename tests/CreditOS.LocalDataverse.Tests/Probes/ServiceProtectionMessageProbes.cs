using CreditOS.LocalDataverse.WebApi.Protection;

namespace CreditOS.LocalDataverse.Tests.Probes;

/// <summary>
/// The service protection refusals as "Service protection API limits" (api-limits, "Service Protection API Limit Errors returned")
/// publishes them, with the default limits: 0x80072322 "Number of requests exceeded the limit of 6000 over time window of 300
/// seconds.", 0x80072321 "Combined execution time of incoming requests exceeded limit of 1,200,000  milliseconds over time window of
/// 300 seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later." and 0x80072326
/// "Number of concurrent requests exceeded the limit of 52.". The execution-time message read "1200000 milliseconds" before fidelity
/// round 6.
/// </summary>
public sealed class ServiceProtectionMessageProbes
{
    [Fact]
    public void ExecutionTimeOverTheDefaultLimit_IsWordedAsPublished()
    {
        var clock = new SteppingClock();
        var limiter = new ServiceProtectionLimiter(new ServiceProtectionOptions(), clock);
        var user = Guid.NewGuid();

        using (limiter.TryAcquire(user, out _))
        {
            clock.Advance(TimeSpan.FromSeconds(1_201));
        }

        var refused = limiter.TryAcquire(user, out var refusal);

        Assert.Null(refused);
        Assert.Equal(unchecked((int)0x80072321), refusal!.ErrorCode);
        Assert.Equal(
            "Combined execution time of incoming requests exceeded limit of 1,200,000  milliseconds over time window of 300 seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.",
            refusal.Message);
    }

    [Fact]
    public void RequestsAndConcurrencyOverTheDefaultLimits_AreWordedAsPublished()
    {
        var limiter = new ServiceProtectionLimiter(new ServiceProtectionOptions(), new SteppingClock());
        var busy = Guid.NewGuid();
        var leases = Enumerable.Range(0, 52).Select(index => limiter.TryAcquire(busy, out var none)!).ToList();
        var chatty = Guid.NewGuid();
        for (var index = 0; index < 6_000; index++)
        {
            limiter.TryAcquire(chatty, out _)!.Dispose();
        }

        limiter.TryAcquire(busy, out var concurrency);
        limiter.TryAcquire(chatty, out var requests);
        leases.ForEach(lease => lease.Dispose());

        Assert.Equal("Number of concurrent requests exceeded the limit of 52.", concurrency!.Message);
        Assert.Equal("Number of requests exceeded the limit of 6000 over time window of 300 seconds.", requests!.Message);
    }

    /// <summary>A clock whose time moves only when told, for execution times the test decides.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private readonly DateTimeOffset _start = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public override DateTimeOffset GetUtcNow() => _start.AddTicks(_ticks);

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
