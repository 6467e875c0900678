namespace CreditOS.LocalBureau;

/// <summary>What the local bureau does wrong on purpose, for the tests of the client and the daily job.</summary>
public sealed class LocalBureauFaults
{
    private readonly Lock gate = new();
    private int throttleRemaining;
    private int failRemaining;

    /// <summary>Answers 503 to every API call (a bureau that is down behind its gateway).</summary>
    public bool Down { get; set; }

    /// <summary>Drops every API connection without an answer (a bureau that cannot be reached).</summary>
    public bool Unreachable { get; set; }

    /// <summary>Retry-After sent with 429 and 503.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throttle every API call (429) until cleared.</summary>
    public bool ThrottleAll { get; set; }

    /// <summary>Every notification event is listed twice (same id, same content), as a redelivering bureau would.</summary>
    public bool DuplicateEvents { get; set; }

    /// <summary>Companies whose credit report is served malformed (no credit score; an impossible rating).</summary>
    public HashSet<string> MalformedReports { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The next <paramref name="count"/> API calls answer 429 with Retry-After.</summary>
    public void ThrottleNext(int count)
    {
        lock (gate)
        {
            throttleRemaining = count;
        }
    }

    /// <summary>The next <paramref name="count"/> API calls answer 500.</summary>
    public void FailNext(int count)
    {
        lock (gate)
        {
            failRemaining = count;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            throttleRemaining = 0;
            failRemaining = 0;
        }

        Down = false;
        Unreachable = false;
        ThrottleAll = false;
        DuplicateEvents = false;
        MalformedReports.Clear();
    }

    internal bool TakeThrottle()
    {
        lock (gate)
        {
            if (ThrottleAll)
            {
                return true;
            }

            if (throttleRemaining <= 0)
            {
                return false;
            }

            throttleRemaining--;
            return true;
        }
    }

    internal bool TakeFailure()
    {
        lock (gate)
        {
            if (failRemaining <= 0)
            {
                return false;
            }

            failRemaining--;
            return true;
        }
    }
}
