using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>The client's batch receive and prefetch against the local Service Bus (what the worker's pump relies on).</summary>
public sealed class BatchReceiveTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public async Task Batch_receive_returns_many_messages_per_call_with_and_without_prefetch(int prefetch)
    {
        await using var bus = new LocalServiceBusFixture(options => options.Queues.Add(new QueueDefinition { Name = "receivables" }));
        await using var client = bus.Client();
        await using var sender = client.CreateSender("receivables");
        using (var batch = await sender.CreateMessageBatchAsync())
        {
            for (var index = 0; index < 200; index++)
            {
                Assert.True(batch.TryAddMessage(new ServiceBusMessage($"r{index}") { MessageId = $"r-{index}" }), $"message {index} did not fit the batch");
            }

            await sender.SendMessagesAsync(batch);
        }

        Assert.Equal(200, bus.Server.CountOf("receivables"));
        await using var receiver = client.CreateReceiver("receivables", new ServiceBusReceiverOptions { PrefetchCount = prefetch });
        var calls = 0;
        var largest = 0;
        var ids = new List<string>();
        while (ids.Count < 200 && calls < 100)
        {
            var messages = await receiver.ReceiveMessagesAsync(50, TimeSpan.FromSeconds(2));
            calls++;
            largest = Math.Max(largest, messages.Count);
            ids.AddRange(messages.Select(message => message.MessageId));
            await Task.WhenAll(messages.Select(message => receiver.CompleteMessageAsync(message)));
        }

        // Every message handed out exactly once. Not in sequence order: a queue without sessions does not promise it, and
        // on a loaded machine a receive that ends at its wait time while messages are on the way releases them, so the
        // next call can be served later ones first (as Service Bus does).
        Assert.Equal(Enumerable.Range(0, 200).Select(index => $"r-{index}").Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.True(largest > 1, $"the largest batch had {largest} messages in {calls} calls");
        Assert.Equal(0, bus.Server.CountOf("receivables"));
    }

    [Fact]
    public async Task Prefetched_messages_not_handed_out_come_back_when_the_receiver_closes()
    {
        await using var bus = new LocalServiceBusFixture(options =>
            options.Queues.Add(new QueueDefinition { Name = "receivables", LockDuration = TimeSpan.FromMinutes(5) }));
        await using var client = bus.Client();
        await using var sender = client.CreateSender("receivables");
        await sender.SendMessagesAsync(Enumerable.Range(0, 10).Select(index => new ServiceBusMessage($"r{index}") { MessageId = $"r-{index}" }));

        await using (var prefetching = client.CreateReceiver("receivables", new ServiceBusReceiverOptions { PrefetchCount = 10 }))
        {
            var first = await prefetching.ReceiveMessageAsync(TimeSpan.FromSeconds(5));
            await prefetching.CompleteMessageAsync(first);
        }

        // The client releases what it prefetched but never handed out, so nothing waits for the 5-minute lock.
        await using var other = client.CreateReceiver("receivables");
        var after = new List<ServiceBusReceivedMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (after.Count < 9 && DateTime.UtcNow < deadline)
        {
            after.AddRange(await other.ReceiveMessagesAsync(9 - after.Count, TimeSpan.FromSeconds(1)));
        }

        Assert.Equal(Enumerable.Range(1, 9).Select(index => $"r-{index}"), after.Select(message => message.MessageId).Order());
        // Released, not abandoned: Service Bus does not count a release as a delivery (Azure/amqpnetlite#342; session 21,
        // this asserted 2 while the local Service Bus counted releases).
        Assert.All(after, message => Assert.Equal(1, message.DeliveryCount));
    }
}
