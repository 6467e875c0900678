using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Worker.Observability;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Worker.Transport.ServiceBus;

/// <summary>
/// Carries out settle decisions with the official client: complete, abandon, or dead-letter with DeadLetterReason,
/// DeadLetterErrorDescription and the decision's properties. A settlement that fails (a lost lock, a dropped
/// connection) is logged: Service Bus then redelivers the message, and the alternate keys make that idempotent.
/// </summary>
public sealed partial class ServiceBusSettler(WorkerMetrics metrics, ILogger<ServiceBusSettler> logger)
{
    /// <summary>Service Bus' limit for the reason and the description.</summary>
    private const int MaxDeadLetterTextLength = 4096;

    public async Task SettleAsync(ServiceBusReceiver receiver, InboundMessage message, SettleDecision decision, string queue)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(decision);
        var received = message.ServiceBus ?? throw new ArgumentException("The message was not received by the Service Bus client.", nameof(message));
        try
        {
            // Never cancelled: a stopping worker still settles what it processed.
            switch (decision.Kind)
            {
                case SettleKind.Complete:
                    await receiver.CompleteMessageAsync(received, CancellationToken.None).ConfigureAwait(false);
                    LogCompleted(queue, message.MessageId);
                    metrics.Completed(queue, message.ReceivedAt);
                    break;
                case SettleKind.Abandon:
                    // The reason travels with the message: if Service Bus dead-letters it after MaxDeliveryCount
                    // (MaxDeliveryCountExceeded, a description that says nothing about the payload), the last reason stays readable.
                    var lastFailure = new Dictionary<string, object> { [DeadLetterProperties.LastAbandonReason] = Truncate(decision.Reason) };
                    await receiver.AbandonMessageAsync(received, lastFailure, CancellationToken.None).ConfigureAwait(false);
                    LogAbandoned(queue, message.MessageId, received.DeliveryCount, decision.Reason);
                    metrics.Abandoned(queue);
                    break;
                case SettleKind.DeadLetter:
                    var properties = decision.Properties.ToDictionary(pair => pair.Key, pair => pair.Value);
                    await receiver.DeadLetterMessageAsync(received, properties, Truncate(decision.Reason), Truncate(decision.Description), CancellationToken.None).ConfigureAwait(false);
                    LogDeadLettered(queue, message.MessageId, decision.Reason, decision.Description);
                    metrics.DeadLettered(queue, decision.Reason, message.ReceivedAt);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(decision), decision.Kind, "Unknown settle decision.");
            }
        }
        catch (ServiceBusException exception)
        {
            LogSettleFailed(exception, queue, message.MessageId, decision.Kind, exception.Reason);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            // OperationCanceledException (session 26, two-worker soak seed 24201): the settlement is never cancelled by the
            // worker (CancellationToken.None above), so a cancellation is the client's own: a broker restart cut off the CBS
            // token exchange of the receive link the client re-opens to settle. It escaped here before, faulted the batch (its
            // other settlements and held messages skipped, a completion the broker applied never logged) and the pump's stop.
            // A link or connection closed under the settlement (a broker restart): the same as a lost lock, Service Bus redelivers.
            LogSettleFailed(exception, queue, message.MessageId, decision.Kind, ServiceBusFailureReason.GeneralError);
        }
    }

    private static string Truncate(string text) => text.Length <= MaxDeadLetterTextLength ? text : text[..MaxDeadLetterTextLength];

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Queue}: completed message {MessageId}")]
    private partial void LogCompleted(string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: abandoned message {MessageId} (delivery {DeliveryCount}): {Reason}")]
    private partial void LogAbandoned(string queue, string messageId, int deliveryCount, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: dead-lettered message {MessageId}: {Reason}: {Description}")]
    private partial void LogDeadLettered(string queue, string messageId, string reason, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: could not settle message {MessageId} as {Decision} ({FailureReason}); Service Bus will redeliver it")]
    private partial void LogSettleFailed(Exception exception, string queue, string messageId, SettleKind decision, ServiceBusFailureReason failureReason);
}
