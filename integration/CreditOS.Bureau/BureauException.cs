using System.Net;

namespace CreditOS.Bureau;

/// <summary>A bureau call that did not produce a usable answer. Never carries credentials or tokens.</summary>
public sealed class BureauException : Exception
{
    public BureauException()
    {
    }

    public BureauException(string message)
        : base(message)
    {
    }

    public BureauException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BureauException(BureauFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public BureauFailure Failure { get; init; } = BureauFailure.Refused;

    /// <summary>The last HTTP status, when the bureau answered at all.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The bureau's Retry-After on a final 429 or 503.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The bureau's correlation id (quote it to the bureau's support).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>True when trying again later may succeed (throttled or unavailable); false for answers that will not change.</summary>
    public bool IsTransient => Failure is BureauFailure.Throttled or BureauFailure.Unavailable;
}
