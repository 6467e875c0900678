using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>The official ServiceBusClient against the local Service Bus: send, receive, settle.</summary>
public sealed class QueueBasicsTests
{
    private static LocalServiceBusFixture Bus(int maxDeliveryCount = 10, TimeSpan? lockDuration = null) => new(options =>
        options.Queues.Add(new QueueDefinition { Name = "orders", MaxDeliveryCount = maxDeliveryCount, LockDuration = lockDuration ?? TimeSpan.FromSeconds(30) }));

    [Fact]
    public async Task Sent_message_is_received_with_its_properties_and_broker_annotations_then_completed()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        var message = new ServiceBusMessage(BinaryData.FromString("{\"amount\":921.00}"))
        {
            MessageId = "pay-1", Subject = "sap.payment-advice", ContentType = "application/json", CorrelationId = "corr-1", ReplyTo = "creditos.replies.webshop",
        };
        message.ApplicationProperties["Channel"] = "webshop";
        await sender.SendMessageAsync(message);

        await using var receiver = client.CreateReceiver("orders");
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(received);
        Assert.Equal("pay-1", received.MessageId);
        Assert.Equal("sap.payment-advice", received.Subject);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("corr-1", received.CorrelationId);
        Assert.Equal("creditos.replies.webshop", received.ReplyTo);
        Assert.Equal("webshop", received.ApplicationProperties["Channel"]);
        Assert.Equal("{\"amount\":921.00}", received.Body.ToString());
        Assert.Equal(1, received.DeliveryCount);
        Assert.Equal(1, received.SequenceNumber);
        Assert.NotEqual(Guid.Empty.ToString(), received.LockToken);
        Assert.True(received.LockedUntil > DateTimeOffset.UtcNow.AddSeconds(20), $"locked until {received.LockedUntil:O}");
        Assert.True(received.EnqueuedTime > DateTimeOffset.UtcNow.AddMinutes(-1), $"enqueued {received.EnqueuedTime:O}");

        await receiver.CompleteMessageAsync(received);
        Assert.Equal(0, bus.Server.CountOf("orders"));
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Abandoned_message_comes_back_with_its_delivery_count_one_higher()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        await sender.SendMessageAsync(new ServiceBusMessage("retry me") { MessageId = "m-1" });
        await using var receiver = client.CreateReceiver("orders");

        var first = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        await receiver.AbandonMessageAsync(first, new Dictionary<string, object> { ["LastFailure"] = "Dataverse 503" });
        var second = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("m-1", second.MessageId);
        Assert.Equal(1, first.DeliveryCount);
        Assert.Equal(2, second.DeliveryCount);
        Assert.Equal("Dataverse 503", second.ApplicationProperties["LastFailure"]);
        Assert.NotEqual(first.LockToken, second.LockToken);
        await receiver.CompleteMessageAsync(second);
        Assert.Equal(0, bus.Server.CountOf("orders"));
    }

    [Fact]
    public async Task Dead_lettered_message_is_in_the_dead_letter_queue_with_reason_and_description()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        await sender.SendMessageAsync(new ServiceBusMessage("bad") { MessageId = "m-dl" });
        await using var receiver = client.CreateReceiver("orders");
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        await receiver.DeadLetterMessageAsync(received, "UnknownCustomer", "No account with ERP number 4711.");

        await using var deadLetters = client.CreateReceiver("orders", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("m-dl", dead.MessageId);
        Assert.Equal("UnknownCustomer", dead.DeadLetterReason);
        Assert.Equal("No account with ERP number 4711.", dead.DeadLetterErrorDescription);
        Assert.Equal("orders", dead.DeadLetterSource);
        Assert.Equal(received.SequenceNumber, dead.SequenceNumber);
        await deadLetters.CompleteMessageAsync(dead);
        Assert.Equal(0, bus.Server.CountOf("orders"));
        Assert.Equal(0, bus.Server.CountOf("orders/$DeadLetterQueue"));
    }

    [Fact]
    public async Task After_MaxDeliveryCount_abandons_the_message_is_dead_lettered_as_MaxDeliveryCountExceeded()
    {
        await using var bus = Bus(maxDeliveryCount: 3);
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        await sender.SendMessageAsync(new ServiceBusMessage("poison") { MessageId = "m-poison" });
        await using var receiver = client.CreateReceiver("orders");

        var counts = new List<int>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            counts.Add(message.DeliveryCount);
            await receiver.AbandonMessageAsync(message);
        }

        Assert.Equal([1, 2, 3], counts);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));
        await using var deadLetters = client.CreateReceiver("orders", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("m-poison", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Equal("Message could not be consumed after 3 delivery attempts.", dead.DeadLetterErrorDescription);
    }

    [Fact]
    public async Task Settling_after_the_lock_expired_fails_with_MessageLockLost_and_the_message_comes_back()
    {
        await using var bus = Bus(lockDuration: TimeSpan.FromSeconds(1));
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        await sender.SendMessageAsync(new ServiceBusMessage("slow") { MessageId = "m-slow" });
        await using var receiver = client.CreateReceiver("orders");
        var first = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        await Task.Delay(TimeSpan.FromSeconds(2));
        var failure = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(first));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, failure.Reason);

        var again = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("m-slow", again.MessageId);
        Assert.Equal(2, again.DeliveryCount);
        await receiver.CompleteMessageAsync(again);
    }

    [Fact]
    public async Task Renewed_lock_outlives_the_lock_duration()
    {
        await using var bus = Bus(lockDuration: TimeSpan.FromSeconds(2));
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        await sender.SendMessageAsync(new ServiceBusMessage("long batch") { MessageId = "m-long" });
        await using var receiver = client.CreateReceiver("orders");
        var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        var firstLock = message.LockedUntil;

        for (var renewal = 0; renewal < 3; renewal++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await receiver.RenewMessageLockAsync(message);
        }

        Assert.True(message.LockedUntil > firstLock.AddSeconds(2), $"first {firstLock:O}, renewed {message.LockedUntil:O}");
        await receiver.CompleteMessageAsync(message);
        Assert.Equal(0, bus.Server.CountOf("orders"));
    }

    [Fact]
    public async Task Deferred_message_is_skipped_by_receive_and_received_by_its_sequence_number()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        await sender.SendMessagesAsync([new ServiceBusMessage("later") { MessageId = "m-later" }, new ServiceBusMessage("now") { MessageId = "m-now" }]);
        await using var receiver = client.CreateReceiver("orders");

        var later = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("m-later", later.MessageId);
        await receiver.DeferMessageAsync(later);
        var now = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("m-now", now.MessageId);
        await receiver.CompleteMessageAsync(now);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));

        var deferred = await receiver.ReceiveDeferredMessageAsync(later.SequenceNumber);
        Assert.Equal("m-later", deferred.MessageId);
        await receiver.CompleteMessageAsync(deferred);
        Assert.Equal(0, bus.Server.CountOf("orders"));

        var gone = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveDeferredMessageAsync(later.SequenceNumber));
        Assert.Equal(ServiceBusFailureReason.MessageNotFound, gone.Reason);
    }

    [Fact]
    public async Task Peek_shows_messages_in_order_without_locking_them()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        await sender.SendMessagesAsync(Enumerable.Range(1, 5).Select(index => new ServiceBusMessage($"m{index}") { MessageId = $"m-{index}" }));
        await using var receiver = client.CreateReceiver("orders");

        var peeked = await receiver.PeekMessagesAsync(10);
        Assert.Equal(["m-1", "m-2", "m-3", "m-4", "m-5"], peeked.Select(message => message.MessageId));
        Assert.Equal([1L, 2, 3, 4, 5], peeked.Select(message => message.SequenceNumber));
        Assert.All(peeked, message => Assert.Equal(0, message.DeliveryCount));

        var received = await receiver.ReceiveMessagesAsync(5, TimeSpan.FromSeconds(5));
        Assert.Equal("m-1", received[0].MessageId);
        var fromThree = await receiver.PeekMessagesAsync(2, fromSequenceNumber: 3);
        Assert.Equal(["m-3", "m-4"], fromThree.Select(message => message.MessageId));
    }

    [Fact]
    public async Task Message_past_its_time_to_live_is_not_delivered()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        await sender.SendMessageAsync(new ServiceBusMessage("stale") { MessageId = "m-stale", TimeToLive = TimeSpan.FromMilliseconds(300) });
        await sender.SendMessageAsync(new ServiceBusMessage("fresh") { MessageId = "m-fresh" });

        await Task.Delay(TimeSpan.FromSeconds(1));
        await using var receiver = client.CreateReceiver("orders");
        var received = await receiver.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(2));

        Assert.Equal(["m-fresh"], received.Select(message => message.MessageId));
    }

    [Fact]
    public async Task Expired_message_goes_to_the_dead_letter_queue_when_the_queue_says_so()
    {
        await using var bus = new LocalServiceBusFixture(options =>
            options.Queues.Add(new QueueDefinition { Name = "orders", DeadLetteringOnMessageExpiration = true }));
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        await sender.SendMessageAsync(new ServiceBusMessage("stale") { MessageId = "m-stale", TimeToLive = TimeSpan.FromMilliseconds(300) });

        await using var deadLetters = client.CreateReceiver("orders", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("m-stale", dead.MessageId);
        Assert.Equal("TTLExpiredException", dead.DeadLetterReason);
    }
}
