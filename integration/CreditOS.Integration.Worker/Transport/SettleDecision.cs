namespace CreditOS.Integration.Worker.Transport;

public enum SettleKind
{
    /// <summary>Processing is done and committed: remove the message (AMQP accepted).</summary>
    Complete,

    /// <summary>Processing could not finish for a transient reason: give the message back (AMQP released).</summary>
    Abandon,

    /// <summary>The message can never be processed as it is: move it to the dead-letter queue with its reason.</summary>
    DeadLetter,
}

/// <summary>What to do with one message, decided by its handler and carried out by the settler.</summary>
public sealed record SettleDecision
{
    private SettleDecision(SettleKind kind, string reason, string description, IReadOnlyDictionary<string, object>? properties, bool waitsForAnotherMessage = false)
    {
        WaitsForAnotherMessage = waitsForAnotherMessage;
        Kind = kind;
        Reason = reason;
        Description = description;
        Properties = properties ?? new Dictionary<string, object>();
    }

    public SettleKind Kind { get; }

    /// <summary>Short machine-readable reason (DeadLetterReason), for example "UnknownCustomer".</summary>
    public string Reason { get; }

    /// <summary>What a person needs to know to fix it (DeadLetterErrorDescription).</summary>
    public string Description { get; }

    /// <summary>Extra application properties for the dead-lettered copy (for example the order value).</summary>
    public IReadOnlyDictionary<string, object> Properties { get; }

    public static SettleDecision Complete() => new(SettleKind.Complete, string.Empty, string.Empty, null);

    /// <summary>
    /// An abandon because the message waits for another one still on its way (a payment for its invoice, a reversal for its
    /// payment): the Service Bus pump handles it again within the same delivery before it gives it back (Pump:RechecksPerDelivery).
    /// </summary>
    public bool WaitsForAnotherMessage { get; }

    public static SettleDecision Abandon(string reason) => new(SettleKind.Abandon, reason, string.Empty, null);

    /// <summary>Not yet: the message waits for another message (see <see cref="WaitsForAnotherMessage"/>); abandoned if it never comes.</summary>
    public static SettleDecision Wait(string reason) => new(SettleKind.Abandon, reason, string.Empty, null, waitsForAnotherMessage: true);

    public static SettleDecision DeadLetter(string reason, string description, IReadOnlyDictionary<string, object>? properties = null) =>
        new(SettleKind.DeadLetter, reason, description, properties);
}
