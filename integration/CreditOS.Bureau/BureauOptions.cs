using System.ComponentModel.DataAnnotations;

namespace CreditOS.Bureau;

/// <summary>Where the bureau is and how the client treats it (configuration section <c>Bureau</c>).</summary>
public sealed class BureauOptions
{
    public const string SectionName = "Bureau";

    /// <summary>The API root, for example <c>https://connect.creditsafe.com/v1/</c> or the local bureau's address.</summary>
    [Required]
    public Uri? BaseAddress { get; set; }

    /// <summary>The bureau's name as stored in <c>cos_bureaureport.cos_bureau</c>.</summary>
    [Required]
    public string BureauName { get; set; } = "Creditsafe";

    [Required]
    public string UserName { get; set; } = string.Empty;

    /// <summary>A secret: read from user secrets or a vault, never logged.</summary>
    [Required]
    public string Password { get; set; } = string.Empty;

    /// <summary>A token is renewed this long before it expires (the bureau's tokens last one hour).</summary>
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Assumed token lifetime when a token carries no readable expiry (the bureau documents one hour).</summary>
    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Retries of a 429 (honouring Retry-After), a 5xx, a timeout or a refused connection.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first back-off delay (exponential with jitter) when the bureau gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait, Retry-After included.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows per page when the client pages through searches, portfolio members and notification events.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>The company page in the bureau's web portal; <c>{connectId}</c> is replaced.</summary>
    [Required]
    public string PortalCompanyUrlTemplate { get; set; } = "https://app.creditsafe.com/companies/{connectId}";
}
