using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>A restart of the local Service Bus loses nothing that was accepted and brings back nothing that was settled.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task Restart_keeps_unsettled_deferred_and_dead_lettered_messages_and_forgets_completed_ones()
    {
        await using var bus = new LocalServiceBusFixture(options =>
            options.Queues.Add(new QueueDefinition { Name = "payments", LockDuration = TimeSpan.FromSeconds(30) }));
        await using (var client = bus.Client())
        {
            await using var sender = client.CreateSender("payments");
            await sender.SendMessagesAsync(Enumerable.Range(1, 6).Select(index => new ServiceBusMessage($"p{index}") { MessageId = $"p-{index}" }));
            await using var receiver = client.CreateReceiver("payments");
            var received = await receiver.ReceiveCountAsync(4);
            await receiver.CompleteMessageAsync(received[0]);
            await receiver.DeferMessageAsync(received[1]);
            await receiver.DeadLetterMessageAsync(received[2], "MissingErpId", "The payment advice has no document number.");
            await receiver.AbandonMessageAsync(received[3]);
        }

        bus.Restart();

        await using (var client = bus.Client())
        {
            await using var receiver = client.CreateReceiver("payments");
            var again = await receiver.ReceiveCountAsync(3);
            Assert.Equal(["p-4", "p-5", "p-6"], again.Select(message => message.MessageId).Order());
            Assert.Equal(2, again.Single(message => message.MessageId == "p-4").DeliveryCount);
            Assert.Equal([4L, 5, 6], again.Select(message => message.SequenceNumber).Order());
            foreach (var message in again)
            {
                await receiver.CompleteMessageAsync(message);
            }

            var deferred = await receiver.ReceiveDeferredMessageAsync(2);
            Assert.Equal("p-2", deferred.MessageId);
            await receiver.CompleteMessageAsync(deferred);

            await using var deadLetters = client.CreateReceiver("payments", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
            var dead = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("p-3", dead.MessageId);
            Assert.Equal("MissingErpId", dead.DeadLetterReason);
            await deadLetters.CompleteMessageAsync(dead);

            await using var sender = client.CreateSender("payments");
            await sender.SendMessageAsync(new ServiceBusMessage("p7") { MessageId = "p-7" });
            var seventh = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(7, seventh.SequenceNumber); // sequence numbers are never reused, even after the last message went
            await receiver.CompleteMessageAsync(seventh);
        }

        Assert.Equal(0, bus.Server.CountOf("payments"));
        Assert.Equal(0, bus.Server.CountOf("payments/$DeadLetterQueue"));
    }

    [Fact]
    public async Task Restart_mid_stream_under_a_processor_loses_no_message()
    {
        const int total = 300;
        await using var bus = new LocalServiceBusFixture(options =>
            options.Queues.Add(new QueueDefinition { Name = "payments", LockDuration = TimeSpan.FromSeconds(2) }));
        await using var client = bus.Client();
        await using var sender = client.CreateSender("payments");
        // What at-least-once promises is that every message is handled, not that every complete is confirmed: a complete
        // the broker applied just before the restart reaches the client as a failure, and the message is then gone (as on
        // Service Bus). So a message counts once its handler ran; one never handled is a lost message.
        var handled = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await using var processor = client.CreateProcessor("payments", new ServiceBusProcessorOptions { PrefetchCount = 20, MaxConcurrentCalls = 4 });
        processor.ProcessMessageAsync += async args =>
        {
            handled.AddOrUpdate(args.Message.MessageId, 1, (_, count) => count + 1);
            await Task.Delay(5, args.CancellationToken);
            await args.CompleteMessageAsync(args.Message, args.CancellationToken);
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;
        await processor.StartProcessingAsync();

        for (var index = 0; index < total; index++)
        {
            if (index == total / 2)
            {
                bus.Restart();
            }

            await sender.SendMessageAsync(new ServiceBusMessage($"p{index}") { MessageId = $"p-{index}" });
        }

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && (handled.Count < total || bus.Server.CountOf("payments") > 0))
        {
            await Task.Delay(200);
        }

        await processor.StopProcessingAsync();
        Assert.Equal(total, handled.Count);
        Assert.Equal(0, bus.Server.CountOf("payments"));
        Assert.Equal(0, bus.Server.CountOf("payments/$DeadLetterQueue"));
    }
}
