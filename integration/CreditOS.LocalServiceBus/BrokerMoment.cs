namespace CreditOS.LocalServiceBus;

/// <summary>
/// A moment in a client's work the local Service Bus can show a test (session 29: killing the worker process at that exact
/// moment instead of at a lucky time). Nothing in the host sets a hook; a server without one behaves exactly as before.
/// </summary>
public enum BrokerMomentKind
{
    /// <summary>
    /// A settlement (complete, abandon, dead-letter, defer, release) reached the broker: a disposition on a receive link, or
    /// (session 30) a <c>com.microsoft:update-disposition</c> request on the entity's <c>$management</c> node (how the client
    /// settles a message it received by sequence number); <see cref="BrokerMoment.Detail"/> names the outcome the same way.
    /// </summary>
    Settlement,

    /// <summary>A <c>com.microsoft:renew-lock</c> request reached the entity's <c>$management</c> node.</summary>
    RenewLock,

    /// <summary>A sender's transfer reached a queue or a topic, before it is stored.</summary>
    Send,

    /// <summary>A receive link to a queue or a subscription is being attached (a receiver connecting).</summary>
    ReceiverAttach,

    /// <summary>
    /// Session 34: a sender's transfer to a queue or a topic is stored (committed) and its answer (accepted) is about to go
    /// back. <see cref="BrokerMomentAction.Drop"/> withholds the answer, as a connection cut between the store and the answer
    /// does (a restart there): the message stays stored and the sender is left in doubt.
    /// </summary>
    SendStored,

    /// <summary>
    /// Session 35: a receive link's drain request (a flow with drain set: the official client's close when the link still holds
    /// credit) reached a queue or a subscription, before the broker drops the link's credit. The drain goes on whatever the
    /// hook says; a test sees what the client sent before it and after it.
    /// </summary>
    Drain,
}

/// <summary>What reached the local Service Bus, and on which entity, before the broker acts on it.</summary>
/// <param name="Kind">The moment.</param>
/// <param name="EntityPath">The queue, topic or subscription.</param>
/// <param name="Detail">The settlement's outcome ("complete", "abandon", "dead-letter", "defer", "release"); otherwise empty.</param>
/// <param name="MessageIds">
/// For a settlement (session 30): the message ids of the locks it names, in order (a lock the entity no longer holds is left
/// out); empty for the other moments.
/// </param>
public sealed record BrokerMoment(BrokerMomentKind Kind, string EntityPath, string Detail, IReadOnlyList<string> MessageIds)
{
    public BrokerMoment(BrokerMomentKind kind, string entityPath, string detail)
        : this(kind, entityPath, detail, [])
    {
    }
}

/// <summary>What a hook tells the broker to do with the frame it was shown.</summary>
public enum BrokerMomentAction
{
    /// <summary>Act on it as always.</summary>
    Proceed,

    /// <summary>
    /// Act as if it never arrived: no state change, no answer (the client that sent it is gone: the test killed it in the
    /// hook, so this is the frame its process never got out). Not offered for <see cref="BrokerMomentKind.ReceiverAttach"/> and <see cref="BrokerMomentKind.Drain"/>;
    /// for <see cref="BrokerMomentKind.SendStored"/> the store has happened and only the answer is withheld.
    /// </summary>
    Drop,
}
