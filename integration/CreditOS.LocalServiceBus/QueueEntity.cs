using Microsoft.Azure.Amqp;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// One queue, one topic subscription (session 25: a subscription is a queue the topic fills) or one dead-letter queue of
/// either: its messages in sequence order, the ready ones, the locked ones and the receive links waiting with credit.
/// Every change is written to the store before it is acknowledged.
/// </summary>
internal sealed class QueueEntity : IMessageSink
{
    private readonly Lock _sync = new();
    private readonly MessageStore _store;
    private readonly TimeProvider _clock;
    private readonly SortedDictionary<long, StoredMessage> _messages = [];
    private readonly SortedSet<long> _ready = [];
    private readonly Dictionary<Guid, StoredMessage> _locked = [];
    private readonly List<Consumer> _consumers = [];
    private long _lastSequenceNumber;
    private int _nextConsumer;

    public QueueEntity(string path, ReceivableEntityDefinition definition, QueueEntity? deadLetterQueue, MessageStore store, TimeProvider clock, string? topic = null)
    {
        Path = path;
        Topic = topic;
        Definition = definition;
        DeadLetterQueue = deadLetterQueue;
        _store = store;
        _clock = clock;
        _lastSequenceNumber = store.LastSequenceNumber(path);
        foreach (var message in store.Load(path))
        {
            _messages[message.SequenceNumber] = message;
            _lastSequenceNumber = Math.Max(_lastSequenceNumber, message.SequenceNumber);
            if (message.LockToken is { } token)
            {
                // A lock outlives a restart until it expires (it can still be renewed), but the link that held it is gone, so
                // the message can no longer be settled: it comes back when the lock runs out.
                message.LockedOnLink = true;
                _locked[token] = message;
            }
            else if (message.State == MessageState.Active)
            {
                _ready.Add(message.SequenceNumber);
            }
        }
    }

    public string Path { get; }

    public ReceivableEntityDefinition Definition { get; }

    /// <summary>The topic a subscription (or a subscription's dead-letter queue) belongs to; null for a queue's entities.</summary>
    public string? Topic { get; }

    /// <summary>Null for a dead-letter queue itself: nothing is dead-lettered twice.</summary>
    public QueueEntity? DeadLetterQueue { get; }

    private bool IsDeadLetterQueue => DeadLetterQueue is null;

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>The sequence number of the last message a sender stored here (0: none yet); dead letters keep their own.</summary>
    public long LastSequenceNumber
    {
        get
        {
            lock (_sync)
            {
                return _lastSequenceNumber;
            }
        }
    }

    /// <summary>
    /// The entity's state for a test's timeout report: ready, locked (and how many of those locks have expired) and each
    /// receive link's credit as the broker counts it beside the credit the AMQP link itself holds (they must agree).
    /// </summary>
    public string Describe()
    {
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            var consumers = string.Join("; ", _consumers.Select(consumer =>
                $"link {consumer.Link.Name} {consumer.Link.State} credit {consumer.Credit} (link's own {consumer.Link.LinkCredit})"));
            return $"{Path}: {_messages.Count} messages, {_ready.Count} ready (first {(_ready.Count > 0 ? _ready.Min : 0)}), {_locked.Count} locked ({_locked.Values.Count(message => !message.IsLocked(now))} expired), consumers: {(consumers.Length > 0 ? consumers : "none")}";
        }
    }

    /// <summary>
    /// Each message's state for a test's timeout report (session 26), up to <paramref name="max"/> in sequence order: its
    /// message id, failed deliveries so far, and whether it is ready, deferred, locked (until when, on a live receive link or a
    /// lock with no link, such as one loaded after a restart) or locked past its expiry (the sweep has not counted it yet).
    /// </summary>
    public IReadOnlyList<string> DescribeMessages(int max)
    {
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            return _messages.Values.Take(max).Select(message =>
            {
                string state;
                if (message.LockToken is not null)
                {
                    var holder = message.LockHolder is { } link ? $"link {link.Name}" : message.LockedOnLink ? "no link (gone)" : "request-response";
                    state = message.IsLocked(now)
                        ? $"locked for {(message.LockedUntil!.Value - now).TotalSeconds:0.0} s more by {holder}"
                        : $"lock expired {(now - message.LockedUntil!.Value).TotalSeconds:0.0} s ago, held by {holder}";
                }
                else
                {
                    state = message.State == MessageState.Deferred ? "deferred" : "ready";
                }

                return $"#{message.SequenceNumber} {MessageIdOf(message)} deliveries failed {message.FailedDeliveries}, {state}";
            }).ToList();
        }
    }

    /// <summary>The message ids of the messages these lock tokens lock here (a test hook's view of a settlement); unknown tokens are left out.</summary>
    public IReadOnlyList<string> MessageIdsOfLocks(IReadOnlyList<Guid> lockTokens)
    {
        lock (_sync)
        {
            return lockTokens.Where(_locked.ContainsKey).Select(token => MessageIdOf(_locked[token])).ToList();
        }
    }

    private static string MessageIdOf(StoredMessage message)
    {
        using var decoded = MessageCodec.Decode(message.Payload);
        return decoded.Properties?.MessageId?.ToString() ?? "(no message id)";
    }

    /// <summary>Stores what a sender sent (all of a batch or none) and hands it to waiting receivers.</summary>
    public void Enqueue(IReadOnlyList<AmqpMessage> messages)
    {
        List<(Consumer, AmqpMessage, Guid)> deliveries;
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            var stored = new List<StoredMessage>(messages.Count);
            foreach (var message in messages)
            {
                stored.Add(new StoredMessage
                {
                    Entity = Path,
                    SequenceNumber = _lastSequenceNumber + stored.Count + 1,
                    Payload = MessageCodec.Encode(message),
                    EnqueuedAt = now,
                    ExpiresAt = ExpiryOf(message, now, TimeSpan.MaxValue),
                });
            }

            _store.Insert(Path, stored);
            foreach (var message in stored)
            {
                _messages[message.SequenceNumber] = message;
                _ready.Add(message.SequenceNumber);
            }

            _lastSequenceNumber += stored.Count;
            deliveries = DispatchLocked(now);
        }

        Deliver(deliveries);
    }

    /// <summary>Takes a topic's copies for this subscription, stored already (<see cref="TopicEntity.Enqueue"/>), and hands them out.</summary>
    public void AcceptCopies(IReadOnlyList<StoredMessage> copies)
    {
        List<(Consumer, AmqpMessage, Guid)> deliveries;
        lock (_sync)
        {
            foreach (var message in copies)
            {
                _messages[message.SequenceNumber] = message;
                _ready.Add(message.SequenceNumber);
                _lastSequenceNumber = Math.Max(_lastSequenceNumber, message.SequenceNumber);
            }

            deliveries = DispatchLocked(_clock.GetUtcNow());
        }

        Deliver(deliveries);
    }

    /// <summary>Receives a dead-lettered copy (its sequence number kept), from this entity's queue.</summary>
    private void AcceptDeadLetter(StoredMessage from, StoredMessage moved)
    {
        List<(Consumer, AmqpMessage, Guid)> deliveries;
        lock (_sync)
        {
            _store.Move(from, moved);
            _messages[moved.SequenceNumber] = moved;
            _ready.Add(moved.SequenceNumber);
            deliveries = DispatchLocked(_clock.GetUtcNow());
        }

        Deliver(deliveries);
    }

    public void AddConsumer(Consumer consumer)
    {
        lock (_sync)
        {
            _consumers.Add(consumer);
        }
    }

    public void RemoveConsumer(Consumer consumer)
    {
        lock (_sync)
        {
            _consumers.Remove(consumer);
        }
    }

    /// <summary>A receiver gave credit. A drain asks for nothing more: the outstanding credit is simply dropped.</summary>
    public void OnCredit(Consumer consumer, uint credit, bool drain)
    {
        List<(Consumer, AmqpMessage, Guid)> deliveries;
        lock (_sync)
        {
            if (drain)
            {
                consumer.Credit = 0;
                return;
            }

            consumer.Credit += credit == uint.MaxValue ? int.MaxValue : credit;
            deliveries = DispatchLocked(_clock.GetUtcNow());
        }

        Deliver(deliveries);
    }

    /// <summary>
    /// Settles a locked message by its lock token; false when the lock is lost (expired, or settled already) or, for a lock a
    /// receive link holds, unless that link is still attached and <paramref name="isHolder"/> says the request came through it
    /// (session 20: Service Bus settles a delivery only on its own link; after the link detached "the message is not able to be
    /// settled on reconnecting the link", Azure.Messaging.ServiceBus TROUBLESHOOTING).
    /// </summary>
    public bool TrySettle(Guid lockToken, SettleRequest request, Func<AmqpLink, bool> isHolder)
    {
        StoredMessage? toDeadLetter = null;
        StoredMessage? deadLettered = null;
        List<(Consumer, AmqpMessage, Guid)> deliveries;
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            if (!_locked.TryGetValue(lockToken, out var message) || !message.IsLocked(now)
                || (message.LockedOnLink && (message.LockHolder is not { State: AmqpObjectState.Opened } holder || !isHolder(holder))))
            {
                return false;
            }

            _locked.Remove(lockToken);
            Unlock(message);
            Apply(request.PropertiesToModify, message);
            switch (request.Kind)
            {
                case SettleKind.Complete:
                    _store.Delete(message);
                    _messages.Remove(message.SequenceNumber);
                    break;
                case SettleKind.Defer:
                    message.State = MessageState.Deferred;
                    _store.Update(message);
                    break;
                case SettleKind.Abandon:
                    message.FailedDeliveries++;
                    if (!IsDeadLetterQueue && message.FailedDeliveries >= Definition.MaxDeliveryCount)
                    {
                        (toDeadLetter, deadLettered) = PrepareDeadLetter(message, "MaxDeliveryCountExceeded",
                            $"Message could not be consumed after {Definition.MaxDeliveryCount} delivery attempts.");
                    }
                    else
                    {
                        Release(message);
                    }

                    break;
                case SettleKind.Release:
                    Release(message); // not a delivery attempt: the count stays (session 21; before, released counted as abandoned)
                    break;
                case SettleKind.DeadLetter:
                    if (IsDeadLetterQueue)
                    {
                        Release(message); // Service Bus cannot dead-letter from a dead-letter queue: the message stays
                    }
                    else
                    {
                        (toDeadLetter, deadLettered) = PrepareDeadLetter(message, request.DeadLetterReason, request.DeadLetterDescription);
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Unknown settle kind.");
            }

            deliveries = DispatchLocked(now);
        }

        if (toDeadLetter is not null)
        {
            DeadLetterQueue!.AcceptDeadLetter(toDeadLetter, deadLettered!);
        }

        Deliver(deliveries);
        return true;
    }

    /// <summary>
    /// Extends locks by the queue's lock duration from now; null when any is lost (expired, settled, or never this entity's),
    /// and then none is renewed: a request is answered whole, never half applied (session 19: before, the locks ahead of a
    /// lost one were renewed and stored though the answer said the lock was lost).
    /// </summary>
    public DateTime[]? RenewLocks(IReadOnlyList<Guid> lockTokens)
    {
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            var messages = new List<StoredMessage>(lockTokens.Count);
            foreach (var token in lockTokens)
            {
                if (!_locked.TryGetValue(token, out var message) || !message.IsLocked(now))
                {
                    return null;
                }

                messages.Add(message);
            }

            var renewed = new DateTime[messages.Count];
            for (var index = 0; index < messages.Count; index++)
            {
                messages[index].LockedUntil = now + Definition.LockDuration;
                _store.Update(messages[index], synced: false); // a renewal a power loss undoes only shortens the lock
                renewed[index] = messages[index].LockedUntil!.Value.UtcDateTime;
            }

            return renewed;
        }
    }

    /// <summary>Active and deferred messages from a sequence number on, without locking them (the dead-lettered ones live elsewhere).</summary>
    public List<AmqpMessage> Peek(long fromSequenceNumber, int count)
    {
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            return _messages.Values
                .Where(message => message.SequenceNumber >= fromSequenceNumber && !IsExpired(message, now))
                .Take(count)
                .Select(message => MessageCodec.ForDelivery(message, message.FailedDeliveries + (message.IsLocked(now) ? 1 : 0), DeadLetterSource))
                .ToList();
        }
    }

    /// <summary>
    /// Locks deferred messages by sequence number; null when one is missing, not deferred, locked already or expired. A deferred
    /// message is checked for expiry only here, as Service Bus does ("Deferred messages aren't expired and automatically moved to
    /// a dead-letter queue until a client app attempts to receive them using an API and the sequence number", Azure Service Bus
    /// message deferral): an expired one is moved to the dead-letter queue (or dropped, as the queue says) and not handed out.
    /// </summary>
    public List<(AmqpMessage Message, Guid LockToken)>? ReceiveDeferred(IReadOnlyList<long> sequenceNumbers, bool receiveAndDelete)
    {
        var expired = new List<(StoredMessage From, StoredMessage To)>();
        List<(AmqpMessage, Guid)>? received = null;
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            var found = new List<StoredMessage>();
            var refused = false;
            foreach (var sequenceNumber in sequenceNumbers)
            {
                if (!_messages.TryGetValue(sequenceNumber, out var message) || message.State != MessageState.Deferred || message.IsLocked(now))
                {
                    refused = true;
                }
                else if (!IsDeadLetterQueue && IsExpired(message, now))
                {
                    Expire(message, expired);
                    refused = true;
                }
                else
                {
                    found.Add(message);
                }
            }

            if (!refused)
            {
                received = [];
                foreach (var message in found)
                {
                    var token = Guid.NewGuid();
                    if (receiveAndDelete)
                    {
                        _store.Delete(message);
                        _messages.Remove(message.SequenceNumber);
                    }
                    else
                    {
                        LockLocked(message, token, now);
                    }

                    received.Add((MessageCodec.ForDelivery(message, message.FailedDeliveries, DeadLetterSource), token));
                }
            }
        }

        foreach (var (from, to) in expired)
        {
            DeadLetterQueue!.AcceptDeadLetter(from, to);
        }

        return received;
    }

    /// <summary>Expired locks count as failed deliveries; expired messages leave (to the dead-letter queue if the queue says so).</summary>
    public void Sweep()
    {
        var moves = new List<(StoredMessage From, StoredMessage To)>();
        List<(Consumer, AmqpMessage, Guid)> deliveries;
        lock (_sync)
        {
            var now = _clock.GetUtcNow();
            foreach (var (token, message) in _locked.Where(pair => pair.Value.LockedUntil <= now).ToList())
            {
                _locked.Remove(token);
                Unlock(message);
                message.FailedDeliveries++;
                if (!IsDeadLetterQueue && message.FailedDeliveries >= Definition.MaxDeliveryCount)
                {
                    moves.Add(PrepareDeadLetter(message, "MaxDeliveryCountExceeded",
                        $"Message could not be consumed after {Definition.MaxDeliveryCount} delivery attempts."));
                }
                else
                {
                    Release(message);
                }
            }

            if (!IsDeadLetterQueue)
            {
                // Deferred messages are left to ReceiveDeferred, which checks their expiry when they are asked for.
                foreach (var message in _messages.Values.Where(message => message.LockToken is null && message.State == MessageState.Active && IsExpired(message, now)).ToList())
                {
                    Expire(message, moves);
                }
            }

            deliveries = DispatchLocked(now);
        }

        foreach (var (from, to) in moves)
        {
            DeadLetterQueue!.AcceptDeadLetter(from, to);
        }

        Deliver(deliveries);
    }

    /// <summary>An expired message leaves: to the dead-letter queue when the queue dead-letters on expiration, else away.</summary>
    private void Expire(StoredMessage message, List<(StoredMessage From, StoredMessage To)> moves)
    {
        _ready.Remove(message.SequenceNumber);
        if (Definition.DeadLetteringOnMessageExpiration)
        {
            moves.Add(PrepareDeadLetter(message, "TTLExpiredException", "The message expired and was dead lettered."));
        }
        else
        {
            _store.Delete(message);
            _messages.Remove(message.SequenceNumber);
        }
    }

    private string? DeadLetterSource => IsDeadLetterQueue ? Path[..^EntityPaths.DeadLetterSuffix.Length] : null;

    private (StoredMessage From, StoredMessage To) PrepareDeadLetter(StoredMessage message, string? reason, string? description)
    {
        _messages.Remove(message.SequenceNumber);
        _ready.Remove(message.SequenceNumber);
        var properties = new List<KeyValuePair<string, object?>>();
        if (reason is not null)
        {
            properties.Add(new(MessageCodec.DeadLetterReason, reason));
        }

        if (description is not null)
        {
            properties.Add(new(MessageCodec.DeadLetterErrorDescription, description));
        }

        var moved = new StoredMessage
        {
            Entity = DeadLetterQueue!.Path,
            SequenceNumber = message.SequenceNumber,
            Payload = properties.Count > 0 ? MessageCodec.WithApplicationProperties(message.Payload, properties) : message.Payload,
            EnqueuedAt = message.EnqueuedAt,
            ExpiresAt = null,
            FailedDeliveries = message.FailedDeliveries,
            State = MessageState.Active,
        };
        return (message, moved);
    }

    private void Release(StoredMessage message)
    {
        _store.Update(message);
        if (message.State == MessageState.Active)
        {
            _ready.Add(message.SequenceNumber);
        }
    }

    private void Apply(IReadOnlyDictionary<string, object?>? properties, StoredMessage message)
    {
        if (properties is { Count: > 0 })
        {
            message.Payload = MessageCodec.WithApplicationProperties(message.Payload, properties);
        }
    }

    private static void Unlock(StoredMessage message)
    {
        message.LockToken = null;
        message.LockedUntil = null;
        message.LockedOnLink = false;
        message.LockHolder = null;
    }

    private void LockLocked(StoredMessage message, Guid token, DateTimeOffset now, AmqpLink? holder = null)
    {
        message.LockedOnLink = holder is not null;
        message.LockHolder = holder;
        message.LockToken = token;
        message.LockedUntil = now + Definition.LockDuration;
        _store.Update(message, synced: false); // a lock a power loss undoes hands the message out again, as a lost lock does
        _locked[token] = message;
    }

    private List<(Consumer, AmqpMessage, Guid)> DispatchLocked(DateTimeOffset now)
    {
        var deliveries = new List<(Consumer, AmqpMessage, Guid)>();
        _consumers.RemoveAll(consumer => !consumer.IsOpen && consumer.Link.State is AmqpObjectState.End or AmqpObjectState.Faulted);
        while (_ready.Count > 0)
        {
            var consumer = NextConsumerWithCredit();
            if (consumer is null)
            {
                break;
            }

            var message = _messages[_ready.Min];
            _ready.Remove(message.SequenceNumber);
            if (!IsDeadLetterQueue && IsExpired(message, now))
            {
                _ready.Add(message.SequenceNumber);
                break; // the sweep moves or drops it
            }

            consumer.Credit--;
            var token = Guid.NewGuid();
            if (consumer.ReceiveAndDelete)
            {
                _store.Delete(message);
                _messages.Remove(message.SequenceNumber);
            }
            else
            {
                LockLocked(message, token, now, consumer.Link);
            }

            deliveries.Add((consumer, MessageCodec.ForDelivery(message, message.FailedDeliveries, DeadLetterSource), token));
        }

        return deliveries;
    }

    private Consumer? NextConsumerWithCredit()
    {
        for (var attempt = 0; attempt < _consumers.Count; attempt++)
        {
            var consumer = _consumers[(_nextConsumer + attempt) % _consumers.Count];
            if (consumer.Credit > 0 && consumer.IsOpen)
            {
                _nextConsumer = (_nextConsumer + attempt + 1) % _consumers.Count;
                return consumer;
            }
        }

        return null;
    }

    /// <summary>Sent outside the lock. A link that closed meanwhile leaves the message locked until its lock expires.</summary>
    private static void Deliver(List<(Consumer Consumer, AmqpMessage Message, Guid Token)> deliveries)
    {
        foreach (var (consumer, message, token) in deliveries)
        {
            try
            {
                consumer.Link.SendMessageNoWait(message, new ArraySegment<byte>(token.ToByteArray()), AmqpConstants.NullBinary);
            }
            catch (Exception exception) when (exception is AmqpException or ObjectDisposedException or InvalidOperationException)
            {
                message.Dispose();
            }
        }
    }

    private bool IsExpired(StoredMessage message, DateTimeOffset now) => message.ExpiresAt is { } expires && expires <= now;

    /// <summary>
    /// When a message sent now expires: the smallest of its own time to live, this entity's default and
    /// <paramref name="senderEntityDefault"/> (a topic's default for its subscriptions' copies; TimeSpan.MaxValue for none).
    /// </summary>
    public DateTimeOffset? ExpiryOf(AmqpMessage message, DateTimeOffset now, TimeSpan senderEntityDefault)
    {
        var ttl = Definition.DefaultMessageTimeToLive < senderEntityDefault ? Definition.DefaultMessageTimeToLive : senderEntityDefault;
        if ((message.Sections & SectionFlag.Header) != 0 && message.Header.Ttl is { } milliseconds)
        {
            var own = TimeSpan.FromMilliseconds(milliseconds);
            ttl = own < ttl ? own : ttl;
        }

        return ttl >= DateTimeOffset.MaxValue - now ? null : now + ttl;
    }
}
