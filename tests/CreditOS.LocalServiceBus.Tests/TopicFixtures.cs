namespace CreditOS.LocalServiceBus.Tests;

/// <summary>The order-outcome topic the topic tests use: two subscriptions with the default TrueFilter, one with a correlation filter.</summary>
internal static class TopicFixtures
{
    public const string Topic = "creditos.orders.outcomes";
    public const string Fulfilment = "fulfilment";
    public const string Analytics = "analytics";
    public const string HeldOnly = "held-only";

    public static string SubscriptionPath(string subscription) => $"{Topic}/Subscriptions/{subscription}";

    public static LocalServiceBusFixture Bus(int maxDeliveryCount = 10, TimeSpan? lockDuration = null, Action<TopicDefinition>? configure = null) => new(options =>
    {
        options.Queues.Add(new QueueDefinition { Name = "orders" });
        var topic = new TopicDefinition { Name = Topic };
        topic.Subscriptions.Add(new SubscriptionDefinition { Name = Fulfilment, MaxDeliveryCount = maxDeliveryCount, LockDuration = lockDuration ?? TimeSpan.FromSeconds(30) });
        topic.Subscriptions.Add(new SubscriptionDefinition { Name = Analytics, LockDuration = lockDuration ?? TimeSpan.FromSeconds(30) });
        var held = new SubscriptionDefinition { Name = HeldOnly };
        var rule = new SubscriptionRule { Name = "held", CorrelationFilter = new CorrelationFilterDefinition { Subject = "order.outcome" } };
        rule.CorrelationFilter.ApplicationProperties["Outcome"] = "HeldForFinance";
        held.Rules.Add(rule);
        topic.Subscriptions.Add(held);
        configure?.Invoke(topic);
        options.Topics.Add(topic);
    });
}
