using CreditOS.Integration.Worker.Transport;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreditOS.Integration.Worker.Observability;

/// <summary>Healthy while the worker holds an open AMQP connection to the broker.</summary>
public sealed class BrokerHealthCheck(BrokerConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.IsConnected
            ? HealthCheckResult.Healthy($"connected to {connection.Endpoint}")
            : HealthCheckResult.Unhealthy($"no connection to {connection.Endpoint}"));
}
