namespace CreditOS.Integration.Worker.Transport;

/// <summary>Application property names of a dead-lettered message, as Azure Service Bus names them.</summary>
public static class DeadLetterProperties
{
    public const string Reason = "DeadLetterReason";
    public const string ErrorDescription = "DeadLetterErrorDescription";
    public const string Source = "DeadLetterSource";

    /// <summary>Value of a failed order, so the backlog can be worked highest value first.</summary>
    public const string OrderValue = "OrderValue";
    public const string OrderCurrency = "OrderCurrency";

    /// <summary>
    /// Why the worker last abandoned the message (Service Bus transport): set on every abandon, so a message the entity
    /// dead-letters after MaxDeliveryCount (MaxDeliveryCountExceeded) still says what kept failing.
    /// </summary>
    public const string LastAbandonReason = "LastAbandonReason";
}
