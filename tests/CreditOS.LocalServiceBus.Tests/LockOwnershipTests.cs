using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// Whose lock is it (session 20). Service Bus settles a peek-locked message only through the receive link that received it:
/// "if the link that connects the client and the service is detached after a message is received, but before the message is
/// settled, the message is not able to be settled on reconnecting the link" (Azure.Messaging.ServiceBus TROUBLESHOOTING, "Message
/// or session lock is lost before lock expiration time"). The official client (7.21) settles on its receive link and, when that
/// link no longer holds the delivery, sends <c>update-disposition</c> to <c>$management</c> naming its current receive link
/// (<c>associated-link-name</c>); that link is not the holder, so the answer is MessageLockLost. Renewal is another matter:
/// the SDK's maintainers observed on the real service that a non-session message's lock renewal "continues to succeed" after
/// the connection drops and the links reconnect, while the settlement still fails (Azure/azure-sdk-for-net#37676,
/// Azure/azure-sdk-for-python#31187), so the local Service Bus renews a valid lock for any receiver with Listen rights.
/// Before: a settlement through another receiver, or through the same receiver after a restart, was accepted.
/// </summary>
public sealed class LockOwnershipTests
{
    private static LocalServiceBusFixture Bus(TimeSpan lockDuration) => new(options =>
        options.Queues.Add(new QueueDefinition { Name = "payments", MaxDeliveryCount = 10, LockDuration = lockDuration }));

    [Fact]
    public async Task A_message_is_settled_only_through_the_receiver_that_holds_its_lock()
    {
        await using var bus = Bus(TimeSpan.FromSeconds(30));
        await using var client = bus.Client();
        await using var otherClient = bus.Client();
        await using var sender = client.CreateSender("payments");
        await sender.SendMessageAsync(new ServiceBusMessage("921.00") { MessageId = "pay-1" });
        await using var holder = client.CreateReceiver("payments");
        await using var sameClient = client.CreateReceiver("payments");
        await using var otherWorker = otherClient.CreateReceiver("payments");
        var message = await holder.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        foreach (var stranger in new[] { sameClient, otherWorker })
        {
            var complete = await Assert.ThrowsAsync<ServiceBusException>(() => stranger.CompleteMessageAsync(message));
            Assert.Equal(ServiceBusFailureReason.MessageLockLost, complete.Reason);
            var deadLetter = await Assert.ThrowsAsync<ServiceBusException>(() => stranger.DeadLetterMessageAsync(message, "PostedPaymentChanged", "921.00 then 121.00"));
            Assert.Equal(ServiceBusFailureReason.MessageLockLost, deadLetter.Reason);
        }

        // Nothing moved: still one locked message, delivered once, and its own receiver completes it.
        Assert.Equal(1, bus.Server.CountOf("payments"));
        Assert.Equal(0, bus.Server.CountOf("payments/$DeadLetterQueue"));
        await holder.CompleteMessageAsync(message);
        Assert.Equal(0, bus.Server.CountOf("payments"));
    }

    [Fact]
    public async Task After_a_restart_the_old_lock_renews_but_never_settles_and_the_message_comes_back_once_renewal_stops()
    {
        await using var bus = Bus(TimeSpan.FromSeconds(15)); // long enough for the reconnection on a loaded machine
        await using var client = bus.Client();
        await using var sender = client.CreateSender("payments");
        await sender.SendMessageAsync(new ServiceBusMessage("921.00") { MessageId = "pay-1" });
        await using var receiver = client.CreateReceiver("payments");
        var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        bus.Restart(); // the receive link is gone; the client attaches a new one

        // Renewal through the new links keeps the lock (as the real service does for non-session messages) ...
        for (var renewal = 0; renewal < 3; renewal++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await receiver.RenewMessageLockAsync(message);
        }

        Assert.True(message.LockedUntil > DateTimeOffset.UtcNow.AddSeconds(4), $"renewed until {message.LockedUntil:O}");

        // ... but the message cannot be settled on a link that did not receive it.
        var complete = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(message));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, complete.Reason);
        Assert.Equal(1, bus.Server.CountOf("payments"));

        // Renewal stopped: the lock runs out and the message comes back, its delivery counted.
        var again = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(45));
        Assert.NotNull(again);
        Assert.Equal("pay-1", again.MessageId);
        Assert.Equal(2, again.DeliveryCount);
        await receiver.CompleteMessageAsync(again);
        Assert.Equal(0, bus.Server.CountOf("payments"));
    }

    [Fact]
    public async Task A_lock_that_ran_out_renews_for_nobody()
    {
        await using var bus = Bus(TimeSpan.FromSeconds(1));
        await using var client = bus.Client();
        await using var sender = client.CreateSender("payments");
        await sender.SendMessageAsync(new ServiceBusMessage("921.00") { MessageId = "pay-1" });
        await using var holder = client.CreateReceiver("payments", new ServiceBusReceiverOptions { PrefetchCount = 0 });
        await using var other = client.CreateReceiver("payments", new ServiceBusReceiverOptions { PrefetchCount = 0 });
        var message = await holder.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var receiver in new[] { holder, other })
        {
            var renew = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.RenewMessageLockAsync(message));
            Assert.Equal(ServiceBusFailureReason.MessageLockLost, renew.Reason);
        }
    }
}
