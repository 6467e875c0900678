using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// Expiry of deferred messages as Service Bus does it (session 24): "Deferred messages aren't expired and automatically moved to
/// a dead-letter queue until a client app attempts to receive them using an API and the sequence number ... An expired message
/// is moved to a deadletter subqueue only when the dead-letter feature is enabled for the entity" (Azure Service Bus, message
/// deferral). Before, the local sweep expired them on its own like active messages, and a receive by sequence number that came
/// before the sweep handed out an expired message.
/// </summary>
public sealed class DeferredMessageExpiryTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_deferred_message_past_its_time_to_live_stays_until_asked_for_then_is_not_handed_out(bool deadLetterOnExpiration)
    {
        await using var bus = new LocalServiceBusFixture(options =>
            options.Queues.Add(new QueueDefinition { Name = "orders", DeadLetteringOnMessageExpiration = deadLetterOnExpiration }));
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        await sender.SendMessageAsync(new ServiceBusMessage("later") { MessageId = "m-later", TimeToLive = TimeSpan.FromSeconds(2) });
        await using var receiver = client.CreateReceiver("orders");
        var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        await receiver.DeferMessageAsync(message);

        // Well past its time to live, many sweeps later: still deferred in the queue, not moved.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, bus.Server.CountOf("orders"));
        Assert.Equal(0, bus.Server.CountOf("orders/$DeadLetterQueue"));

        var refused = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveDeferredMessageAsync(message.SequenceNumber));

        Assert.Equal(ServiceBusFailureReason.MessageNotFound, refused.Reason);
        Assert.Equal(0, bus.Server.CountOf("orders"));
        if (deadLetterOnExpiration)
        {
            await using var deadLetters = client.CreateReceiver("orders", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
            var dead = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("m-later", dead.MessageId);
            Assert.Equal("TTLExpiredException", dead.DeadLetterReason);
        }
        else
        {
            Assert.Equal(0, bus.Server.CountOf("orders/$DeadLetterQueue"));
        }
    }

    [Fact]
    public async Task An_active_message_past_its_time_to_live_is_dropped_without_a_dead_letter_when_the_queue_does_not_dead_letter_on_expiration()
    {
        await using var bus = new LocalServiceBusFixture(options => options.Queues.Add(new QueueDefinition { Name = "orders" }));
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");
        await sender.SendMessageAsync(new ServiceBusMessage("stale") { MessageId = "m-stale", TimeToLive = TimeSpan.FromMilliseconds(300) });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (bus.Server.CountOf("orders") > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, bus.Server.CountOf("orders"));
        Assert.Equal(0, bus.Server.CountOf("orders/$DeadLetterQueue"));
    }
}
