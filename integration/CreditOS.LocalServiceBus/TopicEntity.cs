using Microsoft.Azure.Amqp;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// A topic: it holds no message of its own. A send stamps each message with the topic's next sequence number and stores one
/// copy in every subscription whose rules select it, all copies of a send in one store transaction (so a restart finds a
/// send in every subscription or in none); each subscription is a <see cref="QueueEntity"/> and does the rest (locks,
/// settlement, delivery count, time to live, dead-lettering). A message no subscription selects is dropped, as Service Bus
/// drops it by default.
/// </summary>
internal sealed class TopicEntity : IMessageSink
{
    private readonly Lock _sync = new();
    private readonly MessageStore _store;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<(QueueEntity Entity, IList<SubscriptionRule> Rules)> _subscriptions;
    private long _lastSequenceNumber;

    public TopicEntity(TopicDefinition definition, IReadOnlyList<(QueueEntity Entity, IList<SubscriptionRule> Rules)> subscriptions, MessageStore store, TimeProvider clock)
    {
        Definition = definition;
        _subscriptions = subscriptions;
        _store = store;
        _clock = clock;
        _lastSequenceNumber = store.LastSequenceNumber(definition.Name);
    }

    public string Path => Definition.Name;

    public TopicDefinition Definition { get; }

    public void Enqueue(IReadOnlyList<AmqpMessage> messages)
    {
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            var copies = _subscriptions.Select(_ => new List<StoredMessage>()).ToArray();
            var sequenceNumber = _lastSequenceNumber;
            foreach (var message in messages)
            {
                sequenceNumber++;
                var payload = MessageCodec.Encode(message);
                for (var index = 0; index < _subscriptions.Count; index++)
                {
                    var (subscription, rules) = _subscriptions[index];
                    if (CorrelationFilterMatch.Selects(rules, message))
                    {
                        copies[index].Add(new StoredMessage
                        {
                            Entity = subscription.Path,
                            SequenceNumber = sequenceNumber,
                            Payload = payload,
                            EnqueuedAt = now,
                            ExpiresAt = subscription.ExpiryOf(message, now, Definition.DefaultMessageTimeToLive),
                        });
                    }
                }
            }

            // The topic's sequence advances with the copies in one transaction, even when no subscription took a message.
            _store.InsertCopies(Path, sequenceNumber, copies.SelectMany(copy => copy).ToList());
            _lastSequenceNumber = sequenceNumber;
            for (var index = 0; index < _subscriptions.Count; index++)
            {
                if (copies[index].Count > 0)
                {
                    _subscriptions[index].Entity.AcceptCopies(copies[index]);
                }
            }
        }
    }
}
