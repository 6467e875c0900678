using System.ComponentModel.DataAnnotations;

namespace CreditOS.Integration.Worker.Configuration;

/// <summary>
/// What differs between Azure Service Bus and a generic AMQP 1.0 broker (RabbitMQ): addresses and how a
/// dead-letter reason survives. Configured, never hard-coded.
/// </summary>
public sealed class BrokerProfileOptions
{
    /// <summary>Address of an entity; {0} is the queue name. Service Bus: "{0}"; RabbitMQ: "/amq/queue/{0}".</summary>
    [Required]
    public string QueueAddressFormat { get; set; } = "{0}";

    /// <summary>Address of a queue's dead-letter queue. Service Bus: "{0}/$deadletterqueue"; RabbitMQ: "/amq/queue/{0}.dlq".</summary>
    [Required]
    public string DeadLetterAddressFormat { get; set; } = "{0}/$deadletterqueue";

    public DeadLetterMode DeadLetterMode { get; set; } = DeadLetterMode.RejectWithError;

    /// <summary>How an abandon is settled so the broker counts it. Service Bus: Modified; RabbitMQ: Released.</summary>
    public AbandonOutcome AbandonOutcome { get; set; } = AbandonOutcome.Modified;

    /// <summary>Error condition on the rejected outcome (RejectWithError mode).</summary>
    [Required]
    public string DeadLetterErrorCondition { get; set; } = "com.microsoft:dead-letter";

    public string QueueAddress(string queueName) => Format(QueueAddressFormat, queueName);

    public string DeadLetterAddress(string queueName) => Format(DeadLetterAddressFormat, queueName);

    private static string Format(string format, string queueName) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, format, queueName);
}
