namespace CreditOS.LocalDataverse.Tests.Query.Support;

/// <summary>A clock standing still at a known moment, for relative date operators.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
