namespace CreditOS.LocalServiceBus;

/// <summary>How a receiver settles a locked message (a link disposition or <c>com.microsoft:update-disposition</c>).</summary>
internal enum SettleKind
{
    Complete,
    Abandon,

    /// <summary>
    /// The AMQP <c>released</c> outcome: the lock goes and the message is ready again, its delivery count unchanged (AMQP 1.0
    /// 3.4.4; Service Bus "doesn't increment delivery count on Release", Azure/amqpnetlite#342). The official client releases a
    /// message that arrives on a receive link with no receive call waiting (prefetch 0); <see cref="Abandon"/> counts one.
    /// </summary>
    Release,
    DeadLetter,
    Defer,
}

internal sealed record SettleRequest(
    SettleKind Kind,
    string? DeadLetterReason = null,
    string? DeadLetterDescription = null,
    IReadOnlyDictionary<string, object?>? PropertiesToModify = null);
