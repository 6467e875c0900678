namespace CreditOS.Bureau;

/// <summary>Why a bureau call failed, so callers can decide without parsing messages.</summary>
public enum BureauFailure
{
    /// <summary>No company matches the search, or the connect id is unknown to the bureau (404).</summary>
    CompanyNotFound,

    /// <summary>A search meant to identify one company matched several.</summary>
    AmbiguousCompany,

    /// <summary>A portfolio id the bureau does not know.</summary>
    PortfolioNotFound,

    /// <summary>The bureau answered 200 with a body that is not the documented shape or breaks its own scale.</summary>
    MalformedResponse,

    /// <summary>Still 429 after the retries; <see cref="BureauException.RetryAfter"/> says when to come back.</summary>
    Throttled,

    /// <summary>Down, unreachable, timing out or still 5xx after the retries.</summary>
    Unavailable,

    /// <summary>The credentials were refused (401/403 on authenticate, or 401 again with a fresh token).</summary>
    AuthenticationFailed,

    /// <summary>Any other 4xx: the request itself was refused (the bureau's message is kept).</summary>
    Refused,
}
