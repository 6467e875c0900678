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

    /// <summary>With Authentication LocalToken: the bearer token the local Dataverse issued to this worker's application id.</summary>
    public string? LocalAccessToken { get; set; }

    /// <summary>Concurrent requests this worker keeps open; Dataverse allows 52 per user.</summary>
    [Range(1, 52)]
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>
    /// Records per $batch request (each in its own change set). Dataverse allows 1,000, but a batch's execution time
    /// counts in full against the 1,200 s per 5 minutes and one slow batch holds every record in it; Microsoft's
    /// guidance is smaller batches sent in parallel. BatchSize × OperationTimeBudget must fit in BatchAttemptTimeout.
    /// </summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>The longest one write (with its synchronous plug-ins) is expected to run; plug-ins are kept well under 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:02:00")]
    public TimeSpan OperationTimeBudget { get; set; } = TimeSpan.FromSeconds(2);

    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Timeout of one attempt of a read (GET); reads are retried.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Timeout of one $batch attempt. Writes are never re-sent after a timeout (the original may still be running):
    /// their messages are abandoned instead. So this must outlast Dataverse's own 2-minute limit on an operation and a
    /// full batch at <see cref="OperationTimeBudget"/> each.
    /// </summary>
    [Range(typeof(TimeSpan), "00:02:00", "00:30:00")]
    public TimeSpan BatchAttemptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long resolved accounts (number → id, currency) are reused before being read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AccountCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
