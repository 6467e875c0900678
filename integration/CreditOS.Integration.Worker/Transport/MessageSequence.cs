using Amqp;
using Azure.Messaging.ServiceBus;
using CreditOS.CreditEngine.Ledger;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>A broker-assigned sequence number and the scope it is relative to (<see cref="SourceVersionOrder.ScopeOf"/>).</summary>
public sealed record MessageSequence(string Scope, long Number)
{
    /// <summary>The Service Bus message annotation that carries the sequence number over plain AMQP.</summary>
    public const string SequenceNumberAnnotation = "x-opt-sequence-number";

    /// <summary>The official client's <see cref="ServiceBusReceivedMessage.SequenceNumber"/>, numbered by <paramref name="fullyQualifiedNamespace"/>'s <paramref name="queue"/>.</summary>
    internal static MessageSequence Of(ServiceBusReceivedMessage message, string fullyQualifiedNamespace, string queue) =>
        new(SourceVersionOrder.ScopeOf(fullyQualifiedNamespace, queue, message.SequenceNumber), message.SequenceNumber);

    /// <summary>
    /// The sequence number an AMQP 1.0 broker stamped into the message annotations, when it did (Service Bus does, as
    /// <see cref="SequenceNumberAnnotation"/>; RabbitMQ stamps none): null otherwise.
    /// </summary>
    internal static MessageSequence? Of(Message message, string host, string queue) =>
        message.MessageAnnotations?.Map.TryGetValue(new Amqp.Types.Symbol(SequenceNumberAnnotation), out var value) == true && value is long number
            ? new(SourceVersionOrder.ScopeOf(host, queue, number), number)
            : null;
}
