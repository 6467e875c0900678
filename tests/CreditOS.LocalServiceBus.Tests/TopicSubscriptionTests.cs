using Azure.Messaging.ServiceBus;
using static CreditOS.LocalServiceBus.Tests.TopicFixtures;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// Topics and subscriptions through the official client (session 25): a message sent to the topic is copied to every
/// subscription its rules select, and each subscription is received from and settled as a queue of its own.
/// </summary>
public sealed class TopicSubscriptionTests
{
    [Fact]
    public async Task A_message_sent_to_the_topic_reaches_each_subscription_and_each_copy_is_settled_on_its_own()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender(Topic);
        var message = new ServiceBusMessage("{\"decision\":\"Accepted\"}") { MessageId = "webshop/W-1/Accepted", Subject = "order.outcome", ContentType = "application/json" };
        message.ApplicationProperties["Outcome"] = "Accepted";
        await sender.SendMessageAsync(message);

        await using var fulfilment = client.CreateReceiver(Topic, Fulfilment);
        await using var analytics = client.CreateReceiver(Topic, Analytics);
        var first = await fulfilment.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        var second = await analytics.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(("webshop/W-1/Accepted", "order.outcome", "Accepted"), (first.MessageId, first.Subject, (string)first.ApplicationProperties["Outcome"]));
        Assert.Equal(("webshop/W-1/Accepted", "{\"decision\":\"Accepted\"}"), (second.MessageId, second.Body.ToString()));
        Assert.Equal(first.SequenceNumber, second.SequenceNumber); // the topic numbers the message once; each copy keeps it
        Assert.Equal(1, second.DeliveryCount);

        await fulfilment.CompleteMessageAsync(first);
        Assert.Equal(0, bus.Server.CountOf(SubscriptionPath(Fulfilment)));
        Assert.Equal(1, bus.Server.CountOf(SubscriptionPath(Analytics))); // completing one copy leaves the other
        await analytics.AbandonMessageAsync(second);
        var again = await analytics.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, again.DeliveryCount);
        await analytics.CompleteMessageAsync(again);
        Assert.Equal(0, bus.Server.CountOf(SubscriptionPath(Analytics)));
        Assert.Equal(0, bus.Server.CountOf(SubscriptionPath(HeldOnly))); // its correlation filter wants Outcome = HeldForFinance
    }

    [Fact]
    public async Task A_correlation_filter_selects_by_subject_and_application_property_case_sensitively()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender(Topic);
        ServiceBusMessage Outcome(string id, string subject, string outcome)
        {
            var message = new ServiceBusMessage(id) { MessageId = id, Subject = subject };
            message.ApplicationProperties["Outcome"] = outcome;
            return message;
        }

        await sender.SendMessagesAsync([
            Outcome("held", "order.outcome", "HeldForFinance"),
            Outcome("held-lower-case", "order.outcome", "heldforfinance"),
            Outcome("held-other-subject", "order.note", "HeldForFinance"),
            Outcome("accepted", "order.outcome", "Accepted"),
        ]);

        await using var held = client.CreateReceiver(Topic, HeldOnly);
        var received = await held.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(5));
        Assert.Equal(["held"], received.Select(message => message.MessageId));
        Assert.Equal(1, bus.Server.CountOf(SubscriptionPath(HeldOnly)));
        Assert.Equal(4, bus.Server.CountOf(SubscriptionPath(Fulfilment))); // the TrueFilter takes every message
    }

    [Fact]
    public async Task A_message_no_subscription_selects_is_dropped_and_the_send_succeeds()
    {
        await using var bus = Bus(configure: topic =>
        {
            topic.Subscriptions.Clear();
            var only = new SubscriptionDefinition { Name = HeldOnly };
            only.Rules.Add(new SubscriptionRule { CorrelationFilter = new CorrelationFilterDefinition { CorrelationId = "never" } });
            topic.Subscriptions.Add(only);
        });
        await using var client = bus.Client();
        await using var sender = client.CreateSender(Topic);

        await sender.SendMessageAsync(new ServiceBusMessage("nobody wants me") { MessageId = "m-1" });

        Assert.Equal(0, bus.Server.CountOf(SubscriptionPath(HeldOnly)));
    }

    [Fact]
    public async Task A_subscription_dead_letters_with_reason_and_after_its_MaxDeliveryCount_into_its_own_dead_letter_queue()
    {
        await using var bus = Bus(maxDeliveryCount: 2);
        await using var client = bus.Client();
        await using var sender = client.CreateSender(Topic);
        await sender.SendMessagesAsync([new ServiceBusMessage("a") { MessageId = "bad" }, new ServiceBusMessage("b") { MessageId = "poison" }]);
        await using var fulfilment = client.CreateReceiver(Topic, Fulfilment);

        var bad = await fulfilment.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        await fulfilment.DeadLetterMessageAsync(bad, "UnknownWarehouse", "No warehouse serves account 4711.");
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var poison = await fulfilment.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(("poison", attempt), (poison.MessageId, poison.DeliveryCount));
            await fulfilment.AbandonMessageAsync(poison);
        }

        await using var deadLetters = client.CreateReceiver(Topic, Fulfilment, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveCountAsync(2);

        Assert.Equal(
            [("bad", "UnknownWarehouse", "No warehouse serves account 4711."), ("poison", "MaxDeliveryCountExceeded", "Message could not be consumed after 2 delivery attempts.")],
            dead.Select(message => (message.MessageId, message.DeadLetterReason, message.DeadLetterErrorDescription)).OrderBy(entry => entry.MessageId, StringComparer.Ordinal));
        Assert.All(dead, message => Assert.Equal(SubscriptionPath(Fulfilment), message.DeadLetterSource));
        Assert.Equal(0, bus.Server.CountOf(SubscriptionPath(Fulfilment)));
        Assert.Equal(2, bus.Server.CountOf(SubscriptionPath(Analytics))); // the other subscription's copies are untouched
        Assert.Equal(0, bus.Server.CountOf(SubscriptionPath(Analytics) + "/$DeadLetterQueue"));
    }

    [Fact]
    public async Task A_subscription_renews_locks_defers_and_peeks_through_its_management_node()
    {
        await using var bus = Bus(lockDuration: TimeSpan.FromSeconds(5));
        await using var client = bus.Client();
        await using var sender = client.CreateSender(Topic);
        await sender.SendMessagesAsync([new ServiceBusMessage("a") { MessageId = "m-1" }, new ServiceBusMessage("b") { MessageId = "m-2" }]);
        await using var fulfilment = client.CreateReceiver(Topic, Fulfilment);

        var peeked = await fulfilment.PeekMessagesAsync(10);
        Assert.Equal(["m-1", "m-2"], peeked.Select(message => message.MessageId));
        var first = await fulfilment.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        var lockedUntil = first.LockedUntil;
        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        await fulfilment.RenewMessageLockAsync(first);
        Assert.True(first.LockedUntil > lockedUntil, $"renewed from {lockedUntil:O} to {first.LockedUntil:O}");
        await fulfilment.DeferMessageAsync(first);
        var deferred = await fulfilment.ReceiveDeferredMessageAsync(first.SequenceNumber);
        Assert.Equal("m-1", deferred.MessageId);
        await fulfilment.CompleteMessageAsync(deferred);
        Assert.Equal(1, bus.Server.CountOf(SubscriptionPath(Fulfilment)));
    }

    [Fact]
    public async Task A_copy_expires_at_the_smaller_of_the_topic_and_subscription_time_to_live_into_the_dead_letter_queue_when_asked()
    {
        await using var bus = Bus(configure: topic =>
        {
            topic.DefaultMessageTimeToLive = TimeSpan.FromSeconds(1);
            topic.Subscriptions[1].DeadLetteringOnMessageExpiration = true; // analytics
        });
        await using var client = bus.Client();
        await using var sender = client.CreateSender(Topic);
        await sender.SendMessageAsync(new ServiceBusMessage("late") { MessageId = "m-ttl", TimeToLive = TimeSpan.FromHours(1) });

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && (bus.Server.CountOf(SubscriptionPath(Fulfilment)) > 0 || bus.Server.CountOf(SubscriptionPath(Analytics)) > 0))
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, bus.Server.CountOf(SubscriptionPath(Fulfilment))); // dropped
        Assert.Equal(0, bus.Server.CountOf(SubscriptionPath(Fulfilment) + "/$DeadLetterQueue"));
        await using var deadLetters = client.CreateReceiver(Topic, Analytics, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("m-ttl", "TTLExpiredException"), (dead.MessageId, dead.DeadLetterReason));
    }
}
