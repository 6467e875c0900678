namespace CreditOS.LocalServiceBus;

/// <summary>
/// What the local Service Bus refuses in a topic's configuration when the server is built (session 25): every setting it does
/// not implement is refused by name rather than bound and ignored, so a test never passes on a filter read as true or a
/// forward that never happens. A subscription's own settings are held to a queue's limits (<see cref="QueueDefinitionLimits"/>).
/// </summary>
internal static class TopicDefinitionLimits
{
    public static void Check(TopicDefinition topic)
    {
        if (topic.RequiresDuplicateDetection)
        {
            throw Refused($"topic '{topic.Name}' is configured with RequiresDuplicateDetection = true: the local Service Bus does not implement duplicate detection");
        }

        if (topic.EnableFilteringMessagesBeforePublishing)
        {
            throw Refused($"topic '{topic.Name}' is configured with EnableFilteringMessagesBeforePublishing = true: the local Service Bus does not implement it (a message no subscription selects is dropped, Azure's default)");
        }

        if (topic.DefaultMessageTimeToLive <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Topic '{topic.Name}': DefaultMessageTimeToLive {topic.DefaultMessageTimeToLive} must be a positive duration.", nameof(topic));
        }

        foreach (var subscription in topic.Subscriptions)
        {
            var path = EntityPaths.SubscriptionOf(topic.Name, subscription.Name);
            if (subscription.RequiresSession)
            {
                throw Refused($"subscription '{path}' requires sessions: the local Service Bus does not implement sessions");
            }

            if (!string.IsNullOrEmpty(subscription.ForwardTo) || !string.IsNullOrEmpty(subscription.ForwardDeadLetteredMessagesTo))
            {
                throw Refused($"subscription '{path}' forwards to another entity: the local Service Bus does not implement auto-forwarding");
            }

            foreach (var rule in subscription.Rules)
            {
                if (!string.IsNullOrEmpty(rule.SqlFilter) || !string.IsNullOrEmpty(rule.SqlAction))
                {
                    throw Refused($"rule '{rule.Name}' of subscription '{path}' has a SQL {(string.IsNullOrEmpty(rule.SqlFilter) ? "action" : "filter")}: the local Service Bus implements the TrueFilter and correlation filters only, no SQL filters or actions");
                }
            }

            QueueDefinitionLimits.Check(subscription, path);
        }
    }

    private static NotSupportedException Refused(string what) =>
        new($"The local Service Bus refuses this configuration: {what}. Remove it or test against Azure Service Bus.");
}
