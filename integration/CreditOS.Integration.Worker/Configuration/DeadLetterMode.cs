namespace CreditOS.Integration.Worker.Configuration;

/// <summary>How the worker dead-letters a message so that its reason reaches the dead-letter queue.</summary>
public enum DeadLetterMode
{
    /// <summary>
    /// Settle with the AMQP rejected outcome carrying the error condition, description and the
    /// DeadLetterReason / DeadLetterErrorDescription info entries (Azure Service Bus keeps them).
    /// </summary>
    RejectWithError,

    /// <summary>
    /// Send a copy carrying DeadLetterReason / DeadLetterErrorDescription application properties to the
    /// dead-letter address, then accept the original (RabbitMQ drops the rejected outcome's error).
    /// </summary>
    RepublishWithReason,
}
