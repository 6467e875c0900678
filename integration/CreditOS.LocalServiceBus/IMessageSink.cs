using Microsoft.Azure.Amqp;

namespace CreditOS.LocalServiceBus;

/// <summary>An entity a sender's link stores messages in: a queue, or a topic that copies them to its subscriptions.</summary>
internal interface IMessageSink
{
    string Path { get; }

    /// <summary>Stores all of <paramref name="messages"/> or none, before the sender is told they were accepted.</summary>
    void Enqueue(IReadOnlyList<AmqpMessage> messages);
}
