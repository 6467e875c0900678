namespace CreditOS.LocalServiceBus;

/// <summary>Error conditions as Service Bus names them; the official client maps each to a ServiceBusFailureReason.</summary>
internal static class ServiceBusErrors
{
    public const string DeadLetter = "com.microsoft:dead-letter";
    public const string MessageLockLost = "com.microsoft:message-lock-lost";
    public const string MessageNotFound = "com.microsoft:message-not-found";
    public const string EntityNotFound = "amqp:not-found";
    public const string NotImplemented = "amqp:not-implemented";
    public const string Unauthorized = "amqp:unauthorized-access";
    public const string InvalidField = "amqp:invalid-field";
    public const string InternalError = "amqp:internal-error";
}
