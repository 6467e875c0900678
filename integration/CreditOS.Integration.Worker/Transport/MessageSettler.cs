using Amqp;
using Amqp.Framing;
using Amqp.Types;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>Carries out settle decisions with the configured broker profile and logs each one with the message id.</summary>
public sealed partial class MessageSettler(IOptions<BrokerOptions> options, WorkerMetrics metrics, ILogger<MessageSettler> logger)
{
    private readonly BrokerProfileOptions _profile = options.Value.Profile;

    public DeadLetterMode Mode => _profile.DeadLetterMode;

    /// <summary>Settles one message. A failure to settle is logged: the broker then redelivers it.</summary>
    public async Task SettleAsync(ReceiverLink receiver, SenderLink? deadLetterSender, InboundMessage message, SettleDecision decision, string queue)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(decision);
        try
        {
            switch (decision.Kind)
            {
                case SettleKind.Complete:
                    receiver.Accept(message.Amqp);
                    LogCompleted(queue, message.MessageId);
                    metrics.Completed(queue, message.ReceivedAt);
                    break;
                case SettleKind.Abandon:
                    Abandon(receiver, message.Amqp);
                    LogAbandoned(queue, message.MessageId, decision.Reason);
                    metrics.Abandoned(queue);
                    break;
                case SettleKind.DeadLetter:
                    await DeadLetterAsync(receiver, deadLetterSender, message, decision, queue).ConfigureAwait(false);
                    LogDeadLettered(queue, message.MessageId, decision.Reason, decision.Description);
                    metrics.DeadLettered(queue, decision.Reason, message.ReceivedAt);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(decision), decision.Kind, "Unknown settle decision.");
            }
        }
        catch (Exception exception) when (BrokerFailure.IsTransient(exception))
        {
            LogSettleFailed(exception, queue, message.MessageId, decision.Kind);
        }
    }

    /// <summary>An abandon the broker counts towards its delivery limit (see <see cref="AbandonOutcome"/>).</summary>
    private void Abandon(ReceiverLink receiver, Message message)
    {
        if (_profile.AbandonOutcome == AbandonOutcome.Released)
        {
            receiver.Release(message);
        }
        else
        {
            receiver.Modify(message, deliveryFailed: true, undeliverableHere: false);
        }
    }

    private async Task DeadLetterAsync(ReceiverLink receiver, SenderLink? deadLetterSender, InboundMessage message, SettleDecision decision, string queue)
    {
        if (_profile.DeadLetterMode == DeadLetterMode.RejectWithError)
        {
            receiver.Reject(message.Amqp, RejectionError(decision));
            return;
        }

        if (deadLetterSender is null)
        {
            throw new InvalidOperationException("RepublishWithReason needs a sender link to the dead-letter address.");
        }

        try
        {
            // The copy must be safely stored before the original goes; otherwise the original comes back.
            await deadLetterSender.SendAsync(DeadLetterCopy(message, decision, queue)).ConfigureAwait(false);
        }
        catch (Exception exception) when (BrokerFailure.IsTransient(exception))
        {
            receiver.Release(message.Amqp);
            throw;
        }

        receiver.Accept(message.Amqp);
    }

    private Error RejectionError(SettleDecision decision)
    {
        var info = new Fields
        {
            [new Symbol(DeadLetterProperties.Reason)] = decision.Reason,
            [new Symbol(DeadLetterProperties.ErrorDescription)] = decision.Description,
        };
        foreach (var (name, value) in decision.Properties)
        {
            info[new Symbol(name)] = value;
        }

        return new Error(new Symbol(_profile.DeadLetterErrorCondition)) { Description = decision.Description, Info = info };
    }

    private static Message DeadLetterCopy(InboundMessage message, SettleDecision decision, string queue)
    {
        var original = message.Amqp;
        var copy = new Message
        {
            BodySection = original.BodySection,
            Header = new Header { Durable = true },
            Properties = original.Properties ?? new Properties { MessageId = message.MessageId },
            ApplicationProperties = new ApplicationProperties(),
        };
        if (original.ApplicationProperties is not null)
        {
            foreach (var key in original.ApplicationProperties.Map.Keys)
            {
                copy.ApplicationProperties[key] = original.ApplicationProperties.Map[key];
            }
        }

        copy.ApplicationProperties[DeadLetterProperties.Reason] = decision.Reason;
        copy.ApplicationProperties[DeadLetterProperties.ErrorDescription] = decision.Description;
        copy.ApplicationProperties[DeadLetterProperties.Source] = queue;
        foreach (var (name, value) in decision.Properties)
        {
            copy.ApplicationProperties[name] = value;
        }

        return copy;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Queue}: completed message {MessageId}")]
    private partial void LogCompleted(string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: abandoned message {MessageId}: {Reason}")]
    private partial void LogAbandoned(string queue, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: dead-lettered message {MessageId}: {Reason}: {Description}")]
    private partial void LogDeadLettered(string queue, string messageId, string reason, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: could not settle message {MessageId} as {Decision}; the broker will redeliver it")]
    private partial void LogSettleFailed(Exception exception, string queue, string messageId, SettleKind decision);
}
