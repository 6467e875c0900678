using System.ComponentModel.DataAnnotations;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// A topic and its subscriptions (session 25). A message sent to the topic is copied to every subscription whose rules
/// select it; each subscription is then a queue of its own (<c>topic/Subscriptions/name</c>) with its own lock duration,
/// MaxDeliveryCount, time to live and <c>$DeadLetterQueue</c>.
/// </summary>
public sealed class TopicDefinition
{
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>Service Bus' default is practically forever; a subscription's own default can only shorten it.</summary>
    public TimeSpan DefaultMessageTimeToLive { get; set; } = TimeSpan.MaxValue;

    /// <summary>Not implemented: refused when the server is built, as on a queue.</summary>
    public bool RequiresDuplicateDetection { get; set; }

    /// <summary>Not implemented: a message no subscription selects is dropped, as with Azure's default (false).</summary>
    public bool EnableFilteringMessagesBeforePublishing { get; set; }

    public IList<SubscriptionDefinition> Subscriptions { get; } = [];
}

/// <summary>A subscription's settings (the queue settings Service Bus gives a subscription) and its rules.</summary>
public sealed class SubscriptionDefinition : ReceivableEntityDefinition
{
    /// <summary>
    /// The subscription's rules, combined with OR. None: Service Bus' <c>$Default</c> rule, a TrueFilter (every message).
    /// Only correlation filters (or no filter: true) are implemented; SQL filters and actions are refused.
    /// </summary>
    public IList<SubscriptionRule> Rules { get; } = [];

    /// <summary>Not implemented (sessions): refused when the server is built.</summary>
    public bool RequiresSession { get; set; }

    /// <summary>Not implemented (auto-forwarding): refused when the server is built.</summary>
    public string? ForwardTo { get; set; }

    /// <summary>Not implemented (auto-forwarding of dead letters): refused when the server is built.</summary>
    public string? ForwardDeadLetteredMessagesTo { get; set; }
}

/// <summary>One rule of a subscription: a correlation filter, or none (a TrueFilter).</summary>
public sealed class SubscriptionRule
{
    public string Name { get; set; } = "$Default";

    /// <summary>Null: a TrueFilter.</summary>
    public CorrelationFilterDefinition? CorrelationFilter { get; set; }

    /// <summary>Not implemented: a rule with a SQL filter is refused when the server is built (never read as true).</summary>
    public string? SqlFilter { get; set; }

    /// <summary>Not implemented: a rule with a SQL action is refused when the server is built.</summary>
    public string? SqlAction { get; set; }
}

/// <summary>
/// Service Bus' correlation filter: every property it names must equal the message's (strings compared case-sensitively,
/// CorrelationRuleFilter); the names it leaves out are not compared. Application properties are matched as strings.
/// </summary>
public sealed class CorrelationFilterDefinition
{
    public string? CorrelationId { get; set; }

    public string? MessageId { get; set; }

    public string? To { get; set; }

    public string? ReplyTo { get; set; }

    public string? Subject { get; set; }

    public string? SessionId { get; set; }

    public string? ReplyToSessionId { get; set; }

    public string? ContentType { get; set; }

    public IDictionary<string, string> ApplicationProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
