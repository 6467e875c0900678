using System.ComponentModel.DataAnnotations;

namespace CreditOS.Integration.Worker.Configuration;

/// <summary>Where the AMQP 1.0 broker is and how the worker signs in. Secrets come from environment or user secrets.</summary>
public sealed class BrokerOptions
{
    public const string SectionName = "Broker";

    /// <summary>
    /// Which client talks to the broker: the official Azure.Messaging.ServiceBus client (Service Bus, or the local Service
    /// Bus in tests and the local run) or the AMQPNetLite transport (any AMQP 1.0 broker, RabbitMQ locally).
    /// </summary>
    public BrokerTransport Transport { get; set; } = BrokerTransport.AmqpNetLite;

    /// <summary>Settings of the official client (Transport ServiceBus).</summary>
    public ServiceBusTransportOptions ServiceBus { get; set; } = new();

    /// <summary>The AMQPNetLite transport's broker host (unused with Transport ServiceBus).</summary>
    public string Host { get; set; } = string.Empty;

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    /// <summary>TLS (amqps, port 5671 on Service Bus). Off only for the loopback broker.</summary>
    public bool UseTls { get; set; }

    /// <summary>Plain credentials (local broker). Mutually exclusive with the shared access key pair.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Service Bus SAS policy name, sent as the SASL PLAIN user name.</summary>
    public string? SharedAccessKeyName { get; set; }

    /// <summary>Service Bus SAS key, sent as the SASL PLAIN password.</summary>
    public string? SharedAccessKey { get; set; }

    /// <summary>
    /// Messages the broker may push ahead of processing on each receiver link (AMQP link credit), AMQPNetLite transport. The
    /// Service Bus transport prefetches none (session 19: Service Bus locks a prefetched message when it sends it, and the
    /// locks ran out in the buffer); it asks for a batch when a slot is free.
    /// </summary>
    [Range(1, 5000)]
    public int Prefetch { get; set; } = 500;

    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Required]
    public BrokerProfileOptions Profile { get; set; } = new();

    [Required]
    public QueueOptions Queues { get; set; } = new();

    internal bool UsesSharedAccessKey => !string.IsNullOrEmpty(SharedAccessKeyName);

    internal string? SaslUser => UsesSharedAccessKey ? SharedAccessKeyName : UserName;

    internal string? SaslPassword => UsesSharedAccessKey ? SharedAccessKey : Password;
}
