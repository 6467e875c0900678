using System.ComponentModel.DataAnnotations;

namespace CreditOS.LocalServiceBus;

/// <summary>What the local Service Bus listens on, which queues it has, and who may use them.</summary>
public sealed class LocalServiceBusOptions
{
    public const string SectionName = "LocalServiceBus";

    /// <summary>Loopback only: the local Service Bus is for tests and the local run, never a network service.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Not 5672 by default, so it runs beside a local RabbitMQ.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5682;

    /// <summary>
    /// A second, TLS (amqps) port with a self-signed certificate made at start, for clients that cannot use plain TCP:
    /// a <c>ServiceBusClient</c> built from a namespace and a <c>TokenCredential</c> always uses TLS. 0 disables it.
    /// </summary>
    [Range(0, 65535)]
    public int TlsPort { get; set; }

    /// <summary>The SQLite file every message lives in; a restart loses nothing that was accepted.</summary>
    [Required]
    public string DatabasePath { get; set; } = "localservicebus.db";

    public IList<QueueDefinition> Queues { get; } = [];

    /// <summary>Topics and their subscriptions (session 25); a subscription is received from as "topic/Subscriptions/name".</summary>
    public IList<TopicDefinition> Topics { get; } = [];

    /// <summary>SAS policies: a token signed with one of these keys (or SASL PLAIN with name and key) is accepted.</summary>
    public IList<SharedAccessPolicy> SharedAccessPolicies { get; } = [];

    /// <summary>Opaque local development bearer tokens (CBS type "jwt") and their rights; real Entra ID tokens are refused.</summary>
    public IList<DevelopmentToken> DevelopmentTokens { get; } = [];

    /// <summary>How often locks and time to live are checked.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Service Bus Standard's limit; a larger transfer closes the link.</summary>
    public ulong MaxMessageSize { get; set; } = 256 * 1024;

    /// <summary>
    /// A test's fault point (session 29), null unless configured: one write to the SQLite store stops after it is written and
    /// before its commit, and the process prints <see cref="MessageStore.HoldMarker"/> so a test can kill it while it persists.
    /// Never set it outside such a test: the held thread keeps the store's lock, so the whole broker stops with it.
    /// </summary>
    public StoreWriteHold? HoldWriteBeforeCommit { get; set; }
}

/// <summary>Which store write <see cref="LocalServiceBusOptions.HoldWriteBeforeCommit"/> holds before its commit.</summary>
public sealed class StoreWriteHold
{
    /// <summary>A send stored (a queue's message, or a topic's copies to its subscriptions: Entity is then the topic).</summary>
    public const string Insert = "Insert";

    /// <summary>A message's state changed: locked on a delivery, its lock renewed, abandoned, deferred, released.</summary>
    public const string Update = "Update";

    /// <summary>A message removed: a completion (or an expiry without dead-lettering).</summary>
    public const string Delete = "Delete";

    /// <summary>A message moved to its dead-letter queue (Entity is the queue it leaves).</summary>
    public const string Move = "Move";

    /// <summary><see cref="Insert"/>, <see cref="Update"/>, <see cref="Delete"/> or <see cref="Move"/>.</summary>
    [Required]
    public string Operation { get; set; } = string.Empty;

    /// <summary>The entity whose write is held (a queue, a subscription, a topic); empty: any.</summary>
    public string? Entity { get; set; }

    /// <summary>How many such writes commit before the one that is held.</summary>
    [Range(0, int.MaxValue)]
    public int After { get; set; }

    /// <summary>How long the held write waits to be killed before the process ends itself.</summary>
    public TimeSpan Patience { get; set; } = TimeSpan.FromMinutes(2);

    internal void Check()
    {
        if (Operation is not (Insert or Update or Delete or Move))
        {
            throw new ArgumentException($"LocalServiceBus:HoldWriteBeforeCommit:Operation '{Operation}' is none of {Insert}, {Update}, {Delete}, {Move}.");
        }
    }
}

/// <summary>What a queue and a topic's subscription share (session 25): the settings of an entity messages are received from.</summary>
public abstract class ReceivableEntityDefinition
{
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>Service Bus' default is one minute.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Service Bus' default is 10.</summary>
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>Service Bus' default is practically forever (TimeSpan.MaxValue).</summary>
    public TimeSpan DefaultMessageTimeToLive { get; set; } = TimeSpan.MaxValue;

    public bool DeadLetteringOnMessageExpiration { get; set; }
}

public sealed class QueueDefinition : ReceivableEntityDefinition
{

    /// <summary>
    /// Not implemented: the local Service Bus has no duplicate detection (its queues behave as Azure's default, detection
    /// off). Declared so that a queue configured with it is refused when the server is built (NotSupportedException)
    /// instead of the key being silently ignored by configuration binding and duplicates delivered as if detected.
    /// </summary>
    public bool RequiresDuplicateDetection { get; set; }

    /// <summary>Azure's window for duplicate detection; any value here is refused like <see cref="RequiresDuplicateDetection"/>.</summary>
    public TimeSpan? DuplicateDetectionHistoryTimeWindow { get; set; }
}

[Flags]
public enum AccessRights
{
    None = 0,
    Send = 1,
    Listen = 2,
    Manage = 4 | Send | Listen,
}

public sealed class SharedAccessPolicy
{
    [Required]
    public string KeyName { get; set; } = string.Empty;

    [Required]
    public string Key { get; set; } = string.Empty;

    public AccessRights Rights { get; set; } = AccessRights.Manage;
}

public sealed class DevelopmentToken
{
    [Required]
    public string Token { get; set; } = string.Empty;

    public AccessRights Rights { get; set; } = AccessRights.Send | AccessRights.Listen;
}
