using System.Globalization;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Handlers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Observability;

/// <summary>
/// Ready when the Service Bus client is open and every consumed queue's receiver has received (a receive call returned)
/// since its last failure. A closed client never reconnects; a receiver that fails (entity missing, access refused, the
/// namespace unreachable after the client's retries) makes the worker not ready, naming the queue and the reason.
/// </summary>
public sealed class ServiceBusHealthCheck(ServiceBusClient client, ReceiverStates receivers, IOptions<BrokerOptions> broker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (client.IsClosed)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"the Service Bus client for {client.FullyQualifiedNamespace} is closed"));
        }

        var current = receivers.Current;
        var notReady = new List<string>();
        foreach (var kind in Enum.GetValues<QueueKind>())
        {
            var queue = broker.Value.Queues.NameOf(kind);
            notReady.AddRange(current.TryGetValue(queue, out var state)
                ? state.Status == ReceiverStatus.Receiving ? [] : [Describe(queue, state)]
                : [$"{queue}: no receiver started"]);
        }

        return Task.FromResult(notReady.Count == 0
            ? HealthCheckResult.Healthy($"receiving {current.Count} queues from {client.FullyQualifiedNamespace}")
            : HealthCheckResult.Unhealthy($"{notReady.Count} of {Enum.GetValues<QueueKind>().Length} receivers on {client.FullyQualifiedNamespace} not receiving: {string.Join("; ", notReady)}"));
    }

    private static string Describe(string queue, ReceiverState state) => state.Status switch
    {
        ReceiverStatus.Failing => $"{queue}: receive failing since {Time(state.Since)} ({state.Reason})",
        ReceiverStatus.Stopped => $"{queue}: stopped at {Time(state.Since)}",
        _ => $"{queue}: starting since {Time(state.Since)}",
    };

    private static string Time(DateTimeOffset at) => at.ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
