namespace CreditOS.LocalServiceBus;

internal enum MessageState
{
    /// <summary>In the queue: receivable when not locked.</summary>
    Active = 0,

    /// <summary>Set aside by its receiver: only receivable by sequence number.</summary>
    Deferred = 1,
}

/// <summary>One message in one entity (a queue or its dead-letter queue), as the store keeps it.</summary>
internal sealed class StoredMessage
{
    public required string Entity { get; init; }

    public required long SequenceNumber { get; init; }

    /// <summary>The message as the sender sent it (AMQP sections, encoded), plus dead-letter properties when dead-lettered.</summary>
    public required byte[] Payload { get; set; }

    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>When the message's time to live runs out; null when it never does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Deliveries that ended without completion (abandoned or lock expired): AMQP header delivery-count.</summary>
    public int FailedDeliveries { get; set; }

    public MessageState State { get; set; }

    public Guid? LockToken { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>
    /// True when the lock was handed out on a receive link (a delivery), as opposed to <c>receive-by-sequence-number</c>: such a
    /// lock is settled only through the link that received it (session 20). Not stored: a lock loaded after a restart is a link's
    /// whose link is gone.
    /// </summary>
    public bool LockedOnLink { get; set; }

    /// <summary>The receive link that holds a link's lock; null when that link is gone (a restart) or the lock is not a link's.</summary>
    public Microsoft.Azure.Amqp.AmqpLink? LockHolder { get; set; }

    public bool IsLocked(DateTimeOffset now) => LockToken is not null && LockedUntil > now;
}
