namespace CreditOS.LocalDataverse.WebApi.Protection;

/// <summary>
/// Dataverse's three documented per-user service protection limits over a sliding window. The defaults are the
/// documented values: 6,000 requests and 1,200 seconds of execution time per 5 minutes, 52 concurrent requests.
/// </summary>
public sealed class ServiceProtectionOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    public int RequestsPerWindow { get; set; } = 6_000;

    public TimeSpan ExecutionTimePerWindow { get; set; } = TimeSpan.FromSeconds(1_200);

    public int MaxConcurrentRequests { get; set; } = 52;
}
