namespace CreditOS.Integration.Worker.Configuration;

/// <summary>
/// The AMQP outcome with which the AMQPNetLite transport abandons a message so that the broker counts the delivery and,
/// at its limit, dead-letters the message. Brokers differ (session 21), so it is configured per broker profile.
/// </summary>
public enum AbandonOutcome
{
    /// <summary>
    /// <c>modified</c> with delivery-failed: what the official Service Bus client sends for an abandon, counted towards
    /// MaxDeliveryCount. Service Bus does not count <c>released</c> ("it doesn't increment delivery count on Release",
    /// Azure/amqpnetlite#342), so a poison message abandoned with it would come back for ever.
    /// </summary>
    Modified,

    /// <summary><c>released</c>: RabbitMQ counts it towards <c>x-delivery-limit</c> and ends the session on <c>modified</c>.</summary>
    Released,
}
