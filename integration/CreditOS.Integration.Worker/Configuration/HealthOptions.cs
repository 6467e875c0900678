using System.ComponentModel.DataAnnotations;

namespace CreditOS.Integration.Worker.Configuration;

/// <summary>The worker's HTTP health endpoints (<c>/health/live</c>, <c>/health/ready</c>).</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// Where Kestrel listens for the probes, e.g. <c>http://0.0.0.0:8080</c> in a container or <c>http://127.0.0.1:8081</c>
    /// locally (several separated by <c>;</c>; port 0 picks a free one). Empty: no endpoints are served.
    /// </summary>
    public string? Urls { get; set; }

    /// <summary>How long the Dataverse readiness check may take before it counts as unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan DataverseCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a Dataverse answer (reachable or not) is reused: probes every few seconds from several sources would
    /// otherwise each cost a WhoAmI request from the application user's 6,000 per 5 minutes. Zero asks every time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DataverseCheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}
