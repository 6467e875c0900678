using Azure.Messaging.ServiceBus;
using static CreditOS.LocalServiceBus.Tests.TopicFixtures;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>A restart keeps every subscription's copies in the state they were left in, and the topic's numbering (session 25).</summary>
public sealed class TopicDurabilityTests
{
    [Fact]
    public async Task Restart_keeps_each_subscriptions_unsettled_deferred_and_dead_lettered_copies_and_forgets_completed_ones()
    {
        await using var bus = Bus();
        await using (var client = bus.Client())
        {
            await using var sender = client.CreateSender(Topic);
            await sender.SendMessagesAsync(Enumerable.Range(1, 4).Select(index => new ServiceBusMessage($"o{index}") { MessageId = $"o-{index}" }));
            await using var fulfilment = client.CreateReceiver(Topic, Fulfilment);
            var received = (await fulfilment.ReceiveCountAsync(3)).ToList();
            await fulfilment.CompleteMessageAsync(received[0]);
            await fulfilment.DeferMessageAsync(received[1]);
            await fulfilment.DeadLetterMessageAsync(received[2], "UnknownWarehouse", "No warehouse for o-3.");
        }

        bus.Restart();

        await using (var client = bus.Client())
        {
            await using var fulfilment = client.CreateReceiver(Topic, Fulfilment);
            Assert.Equal(["o-4"], (await fulfilment.ReceiveCountAsync(1)).Select(message => message.MessageId));
            Assert.Equal("o-2", (await fulfilment.ReceiveDeferredMessageAsync(2)).MessageId);
            await using var deadLetters = client.CreateReceiver(Topic, Fulfilment, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
            Assert.Equal(("o-3", "UnknownWarehouse"), await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(10)) is { } dead ? (dead.MessageId, dead.DeadLetterReason) : default);

            await using var analytics = client.CreateReceiver(Topic, Analytics);
            var all = await analytics.ReceiveCountAsync(4);
            Assert.Equal(["o-1", "o-2", "o-3", "o-4"], all.Select(message => message.MessageId));

            await using var sender = client.CreateSender(Topic);
            await sender.SendMessageAsync(new ServiceBusMessage("o5") { MessageId = "o-5" });
            var fifth = await analytics.ReceiveCountAsync(1);
            Assert.Equal(5, fifth.Single().SequenceNumber); // the topic's numbering survives the restart: never reused
        }
    }
}
