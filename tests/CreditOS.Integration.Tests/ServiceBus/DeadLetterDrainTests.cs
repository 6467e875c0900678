using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 23: the stream tests judge dead letters by what <see cref="LocalServiceBusForWorker.DeadLettersAsync"/> drains.
/// It stopped at the first receive that came back empty within 500 ms, so a dead letter locked at that moment (by a receiver
/// that went away without settling it, or a delivery still on its way) was reported missing while the broker held it
/// (session 22's open "bad-version not found"). Now it drains until the broker itself holds none.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class DeadLetterDrainTests
{
    [Fact]
    public async Task A_dead_letter_locked_by_a_receiver_that_went_away_is_still_drained()
    {
        await using var bus = new LocalServiceBusForWorker(lockDuration: TimeSpan.FromSeconds(2));
        await bus.SendAsync(LocalBroker.PaymentsQueue, new[] { "dl-1", "dl-2", "dl-3" }.Select(id => LocalServiceBusForWorker.TextMessage(id, "any", "{}")));
        await using var client = new ServiceBusClient(bus.ConnectionString);
        await using (var receiver = client.CreateReceiver(LocalBroker.PaymentsQueue))
        {
            var received = new List<ServiceBusReceivedMessage>();
            while (received.Count < 3)
            {
                received.AddRange(await receiver.ReceiveMessagesAsync(3 - received.Count, TimeSpan.FromSeconds(5)));
            }

            foreach (var message in received)
            {
                await receiver.DeadLetterMessageAsync(message, "Probe", "dead-lettered by the test");
            }
        }

        // A receiver takes one dead letter and goes away without settling it: its lock stands until it runs out (2 s).
        await using (var holder = client.CreateReceiver(LocalBroker.PaymentsQueue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter }))
        {
            Assert.NotNull(await holder.ReceiveMessageAsync(TimeSpan.FromSeconds(5)));
        }

        var drained = await bus.DeadLettersAsync([LocalBroker.PaymentsQueue]);

        Assert.Equal(new[] { "dl-1", "dl-2", "dl-3" }, drained.Keys.Order(StringComparer.Ordinal));
        Assert.All(drained.Values, message => Assert.Equal("Probe", message.DeadLetterReason));
        Assert.Equal(0, bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue"));
    }
}
