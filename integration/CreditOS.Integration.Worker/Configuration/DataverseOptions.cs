using System.ComponentModel.DataAnnotations;

namespace CreditOS.Integration.Worker.Configuration;

/// <summary>The Dataverse environment the worker writes to through the Web API.</summary>
public sealed class DataverseOptions
{
    public const string SectionName = "Dataverse";

    /// <summary>Environment URL, for example https://contoso.crm4.dynamics.com/ (or the local Dataverse's address).</summary>
    [Required]
    public Uri? EnvironmentUrl { get; set; }

    [Required]
    public string ApiPath { get; set; } = "api/data/v9.2/";

    public DataverseAuthentication Authentication { get; set; } = DataverseAuthentication.ClientCredentials;

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Client secret of the application user; from environment or user secrets only.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Concurrent requests this worker keeps open; Dataverse allows 52 per user.</summary>
    [Range(1, 52)]
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>Records per $batch request (each in its own change set). Dataverse allows 1,000.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 250;

    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long resolved accounts (number → id, currency) are reused before being read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AccountCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
