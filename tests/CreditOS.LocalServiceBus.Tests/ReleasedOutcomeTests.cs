using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// The AMQP <c>released</c> outcome gives a message back without counting a delivery (AMQP 1.0 3.4.4; the Service Bus team:
/// "Service Bus processes Release outcome and it doesn't increment delivery count on Release", Azure/amqpnetlite#342); an
/// abandon (<c>modified</c>) counts one. The official client releases a message that reaches its receive link while no receive
/// call waits (prefetch 0, credit left by an earlier call that returned first). Before session 21 the local Service Bus
/// counted such a release as an abandon: the cause of the <c>DurabilityTests.Restart_keeps_unsettled_…</c> flake (a batch
/// receive that returned early under load left credit, the late messages were released and came back with DeliveryCount 2).
/// </summary>
public sealed class ReleasedOutcomeTests
{
    [Fact]
    public async Task A_message_the_client_releases_for_want_of_a_waiting_receive_keeps_its_delivery_count()
    {
        await using var bus = Bus(maxDeliveryCount: 3);
        await using var client = bus.Client();
        await using var receiver = client.CreateReceiver("payments");

        // An empty queue: the call returns with nothing and leaves its credit of 5 on the link.
        Assert.Empty(await receiver.ReceiveMessagesAsync(5, TimeSpan.FromMilliseconds(300)));

        await using var sender = client.CreateSender("payments");
        await sender.SendMessageAsync(new ServiceBusMessage("late") { MessageId = "late-1" });

        // The broker spends the credit on the late message, the client releases it each time (no receive waits): with
        // MaxDeliveryCount 3, counting those releases moved it to the dead-letter queue before the next receive.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0, bus.Server.CountOf("payments/$DeadLetterQueue"));

        var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(message);
        Assert.Equal("late-1", message.MessageId);
        Assert.Equal(1, message.DeliveryCount);
        await receiver.CompleteMessageAsync(message);
        Assert.Equal(0, bus.Server.CountOf("payments"));
    }

    [Fact]
    public async Task An_abandon_still_counts_a_delivery_and_moves_the_message_at_MaxDeliveryCount()
    {
        await using var bus = Bus(maxDeliveryCount: 2);
        await using var client = bus.Client();
        await using var sender = client.CreateSender("payments");
        await sender.SendMessageAsync(new ServiceBusMessage("poison") { MessageId = "poison-1" });
        await using var receiver = client.CreateReceiver("payments");

        var first = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, first.DeliveryCount);
        await receiver.AbandonMessageAsync(first);
        var second = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, second.DeliveryCount);
        await receiver.AbandonMessageAsync(second);

        await using var deadLetters = client.CreateReceiver("payments", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("poison-1", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        await deadLetters.CompleteMessageAsync(dead);
    }

    private static LocalServiceBusFixture Bus(int maxDeliveryCount) => new(options =>
        options.Queues.Add(new QueueDefinition { Name = "payments", LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = maxDeliveryCount }));
}
