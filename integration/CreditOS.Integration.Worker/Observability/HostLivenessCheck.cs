using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CreditOS.Integration.Worker.Observability;

/// <summary>
/// Liveness: the process answers and its host is not shutting down. Nothing outside the process belongs here: a
/// Service Bus or Dataverse outage makes the worker not ready, and restarting it would not help.
/// </summary>
public sealed class HostLivenessCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("the worker is shutting down")
            : HealthCheckResult.Healthy("the worker is running"));
}
