using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using static CreditOS.LocalServiceBus.Tests.TopicFixtures;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// What Service Bus refuses on topics is refused here, and what the local Service Bus does not implement for topics (rule
/// management, SQL filters and actions, sessions, forwarding, duplicate detection) is refused by name, never accepted (session 25).
/// </summary>
public sealed class TopicRefusalTests
{
    [Fact]
    public async Task Receiving_from_the_topic_itself_is_refused_naming_its_subscriptions()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var receiver = client.CreateReceiver(Topic);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains($"'{Topic}' is a topic: receive from one of its subscriptions", failure.Message, StringComparison.Ordinal);
        Assert.Contains(SubscriptionPath(Fulfilment), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_to_a_subscription_is_refused_and_nothing_is_stored()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender(SubscriptionPath(Fulfilment));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
        Assert.Contains("is a subscription: messages cannot be sent to it", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, bus.Server.CountOf(SubscriptionPath(Fulfilment)));
    }

    [Fact]
    public async Task An_unknown_subscription_is_refused_as_not_found()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var receiver = client.CreateReceiver(Topic, "no-such-subscription");

        var failure = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, failure.Reason);
    }

    [Fact]
    public async Task Rule_management_through_the_client_is_refused_as_not_implemented()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var rules = client.CreateRuleManager(Topic, Fulfilment);

        var failure = await Assert.ThrowsAsync<NotSupportedException>(() =>
            rules.CreateRuleAsync("blue", new SqlRuleFilter("color = 'blue'")));
        Assert.Contains("rule management ('com.microsoft:add-rule'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduling_on_a_topic_and_session_messages_are_refused_and_not_stored()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender(Topic);

        var scheduled = await Assert.ThrowsAsync<NotSupportedException>(() => sender.ScheduleMessageAsync(new ServiceBusMessage("x"), DateTimeOffset.UtcNow.AddMinutes(5)));
        Assert.Contains("schedule-message", scheduled.Message, StringComparison.Ordinal);
        var session = await Assert.ThrowsAsync<NotSupportedException>(() => sender.SendMessageAsync(new ServiceBusMessage("y") { SessionId = "s-1" }));
        Assert.Contains("sessions", session.Message, StringComparison.Ordinal);
        Assert.Equal(0, bus.Server.CountOf(SubscriptionPath(Fulfilment)));
    }

    [Fact]
    public async Task Session_receivers_on_a_subscription_are_refused()
    {
        await using var bus = Bus();
        await using var client = bus.Client();

        var failure = await Assert.ThrowsAsync<NotSupportedException>(() => client.AcceptNextSessionAsync(Topic, Fulfilment));
        Assert.Contains("sessions", failure.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> UnimplementedSettings => new()
    {
        { "sql-filter", "has a SQL filter" },
        { "sql-action", "has a SQL action" },
        { "sessions", "requires sessions" },
        { "forward", "auto-forwarding" },
        { "duplicate-detection", "duplicate detection" },
        { "filter-before-publishing", "EnableFilteringMessagesBeforePublishing" },
    };

    [Theory]
    [MemberData(nameof(UnimplementedSettings))]
    public void A_topic_configured_with_what_is_not_implemented_is_refused_when_the_server_is_built(string setting, string named)
    {
        var topic = new TopicDefinition { Name = Topic };
        var subscription = new SubscriptionDefinition { Name = Fulfilment };
        topic.Subscriptions.Add(subscription);
        switch (setting)
        {
            case "sql-filter": subscription.Rules.Add(new SubscriptionRule { SqlFilter = "Outcome = 'Rejected'" }); break;
            case "sql-action": subscription.Rules.Add(new SubscriptionRule { SqlAction = "SET Seen = 1" }); break;
            case "sessions": subscription.RequiresSession = true; break;
            case "forward": subscription.ForwardTo = "orders"; break;
            case "duplicate-detection": topic.RequiresDuplicateDetection = true; break;
            default: topic.EnableFilteringMessagesBeforePublishing = true; break;
        }

        var options = new LocalServiceBusOptions { DatabasePath = Path.Combine(Path.GetTempPath(), $"creditos-sb-refused-{Guid.NewGuid():N}.db") };
        options.Topics.Add(topic);
        try
        {
            var failure = Assert.Throws<NotSupportedException>(() => new LocalServiceBusServer(options).Dispose());
            Assert.Contains(named, failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(options.DatabasePath);
        }
    }
}
