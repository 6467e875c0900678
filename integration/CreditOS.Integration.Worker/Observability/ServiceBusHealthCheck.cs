using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreditOS.Integration.Worker.Observability;

/// <summary>Healthy while the Service Bus client is open (the client itself reconnects; a closed client never does).</summary>
public sealed class ServiceBusHealthCheck(ServiceBusClient client) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(client.IsClosed
            ? HealthCheckResult.Unhealthy($"the Service Bus client for {client.FullyQualifiedNamespace} is closed")
            : HealthCheckResult.Healthy($"Service Bus client for {client.FullyQualifiedNamespace} ({client.TransportType})"));
}
