using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// The per-message report a stream test prints when its wait runs out (session 26): each message's id, failed deliveries and
/// whether it is ready or locked and by which receive link, so "still in flight" names what and where.
/// </summary>
public sealed class MessageDescriptionTests
{
    [Fact]
    public async Task Each_message_is_described_with_its_id_failed_deliveries_and_lock()
    {
        await using var bus = new LocalServiceBusFixture(options =>
            options.Queues.Add(new QueueDefinition { Name = "payments", LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = 5 }));
        await using var client = bus.Client();
        await using var sender = client.CreateSender("payments");
        await sender.SendMessagesAsync([new ServiceBusMessage("a") { MessageId = "pay-a" }, new ServiceBusMessage("b") { MessageId = "pay-b" }]);
        await using var receiver = client.CreateReceiver("payments");
        var first = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        await receiver.AbandonMessageAsync(first);
        var again = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("pay-a", again.MessageId);

        var lines = bus.Server.DescribeMessages("payments");

        Assert.Equal(2, lines.Count);
        Assert.StartsWith("#1 pay-a deliveries failed 1, locked for ", lines[0], StringComparison.Ordinal);
        Assert.Contains(" by link ", lines[0], StringComparison.Ordinal);
        Assert.Equal("#2 pay-b deliveries failed 0, ready", lines[1]);
    }
}
