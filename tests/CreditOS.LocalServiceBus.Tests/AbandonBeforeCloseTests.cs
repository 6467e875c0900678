using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// Messages abandoned by a receiver just before it closes (session 28, what a graceful worker stop does with the batches it
/// gives back): the receive that got them asked for more than it got, so the receive link still has credit, and Service Bus
/// hands the abandoned messages straight back on that same link. The official client drains a link's outstanding credit when
/// it closes ("Attempt to drain the receiver when closing if there are outstanding credits", Azure.Messaging.ServiceBus
/// 7.11.1's changelog) so that in-flight messages land in its buffer, and releases what it buffered but never handed out. So every
/// message must be receivable again at once, none left locked for the lock duration (5 minutes here).
/// </summary>
public sealed class AbandonBeforeCloseTests
{
    [Fact]
    public async Task Messages_abandoned_right_before_the_receiver_closes_are_receivable_at_once()
    {
        const int rounds = 30;
        // A queue per round: what a round leaves locked stays so for 5 minutes.
        await using var bus = new LocalServiceBusFixture(options =>
        {
            for (var round = 1; round <= rounds; round++)
            {
                options.Queues.Add(new QueueDefinition { Name = $"payments-{round}", LockDuration = TimeSpan.FromMinutes(5) });
            }
        });
        await using var client = bus.Client();
        var failures = new List<string>();
        for (var round = 1; round <= rounds; round++)
        {
            var queue = $"payments-{round}";
            await using (var sender = client.CreateSender(queue))
            {
                await sender.SendMessagesAsync(Enumerable.Range(0, 5).Select(index => new ServiceBusMessage($"p{index}") { MessageId = $"p-{index}" }));
            }

            await using (var receiver = client.CreateReceiver(queue))
            {
                // Asks for 50, gets the 5 there are: 45 credits stay on the link.
                var received = await ReceiveAsync(receiver, 5);
                await Task.WhenAll(received.Select(message => receiver.AbandonMessageAsync(message)));
            }

            // The releases travel after the close: a few seconds for them, against the 5-minute lock.
            var locked = await LockedAfterAsync(bus, queue, TimeSpan.FromSeconds(3));
            if (locked.Count > 0)
            {
                failures.Add($"round {round}: {string.Join("; ", locked)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {rounds} rounds left messages locked after the receiver closed: {string.Join(" | ", failures)}");
    }

    private static async Task<List<string>> LockedAfterAsync(LocalServiceBusFixture bus, string queue, TimeSpan grace)
    {
        var deadline = DateTime.UtcNow + grace;
        while (true)
        {
            var locked = bus.Server.DescribeMessages(queue).Where(line => !line.EndsWith(", ready", StringComparison.Ordinal)).ToList();
            if (locked.Count == 0 || DateTime.UtcNow > deadline)
            {
                return locked;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<List<ServiceBusReceivedMessage>> ReceiveAsync(ServiceBusReceiver receiver, int count)
    {
        var received = new List<ServiceBusReceivedMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            received.AddRange(await receiver.ReceiveMessagesAsync(50, TimeSpan.FromSeconds(2)));
        }

        Assert.Equal(count, received.Count);
        return received;
    }
}
