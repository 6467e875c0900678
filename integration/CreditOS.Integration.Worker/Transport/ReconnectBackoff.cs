namespace CreditOS.Integration.Worker.Transport;

/// <summary>Exponential backoff with full jitter between an initial and a maximum delay.</summary>
internal sealed class ReconnectBackoff(TimeSpan initialDelay, TimeSpan maxDelay)
{
    private int _failures;

    public TimeSpan NextDelay()
    {
        var exponent = Math.Min(_failures++, 16);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, initialDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var jittered = (ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2);
        return TimeSpan.FromMilliseconds(jittered);
    }

    public void Reset() => _failures = 0;
}
