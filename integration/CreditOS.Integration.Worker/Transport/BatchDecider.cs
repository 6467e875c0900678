using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>
/// Hands a received batch to its queue's handler in a scope of its own and returns one settle decision per message,
/// whatever the transport. A handler failure never completes a batch: every message is abandoned (released) and the
/// cause logged; on shutdown the batch is abandoned so the broker redelivers it.
/// </summary>
public sealed partial class BatchDecider
{
    private readonly QueueKind _kind;
    private readonly string _queue;
    private readonly string? _messagingSystem;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;

    /// <param name="messagingSystem">The OpenTelemetry <c>messaging.system</c> value, when the transport has one.</param>
    public BatchDecider(QueueKind kind, string queue, string? messagingSystem, IServiceScopeFactory scopes, ILogger logger)
    {
        _kind = kind;
        _queue = queue;
        _messagingSystem = messagingSystem;
        _scopes = scopes;
        _logger = logger;
    }

    public async Task<IReadOnlyList<SettleDecision>> DecideAsync(List<InboundMessage> batch, CancellationToken stoppingToken)
    {
        using var activity = WorkerTelemetry.ActivitySource.StartActivity($"process {_queue}");
        if (_messagingSystem is not null)
        {
            activity?.SetTag("messaging.system", _messagingSystem);
        }

        activity?.SetTag("messaging.destination.name", _queue);
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var handler = scope.ServiceProvider.GetRequiredKeyedService<IMessageBatchHandler>(_kind);
                var decisions = await handler.HandleAsync(batch, stoppingToken).ConfigureAwait(false);
                if (decisions.Count != batch.Count)
                {
                    throw new InvalidOperationException($"Handler for {_kind} returned {decisions.Count} decisions for {batch.Count} messages.");
                }

                return decisions;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return batch.Select(_ => SettleDecision.Abandon("worker is shutting down")).ToList();
        }
#pragma warning disable CA1031 // A handler failure must never complete the batch: every message is abandoned and the cause logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogHandlerFailed(exception, _queue, batch.Count);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Message);
            return batch.Select(_ => SettleDecision.Abandon($"handler failed: {exception.GetType().Name}")).ToList();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Queue}: handler failed for a batch of {Count}; all abandoned")]
    private partial void LogHandlerFailed(Exception exception, string queue, int count);
}
