using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.LocalServiceBus;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 30: the local Service Bus process SIGKILLed while it persists a settlement that came as
/// <c>com.microsoft:update-disposition</c> (the client's way for a message it received by sequence number: a deferred one),
/// written and not committed (<see cref="StoreWriteHold"/>). Started again on what the killed process left, the message is
/// neither gone nor dead-lettered half way: still deferred, its lock (taken by the receive by sequence number) runs out and
/// counts a delivery, it is received by its sequence number again and the settlement then goes through once.
/// </summary>
public sealed class UpdateDispositionBrokerKillTests
{
    private const string Queue = LocalBroker.PaymentsQueue;

    [Theory]
    [InlineData(StoreWriteHold.Delete)]
    [InlineData(StoreWriteHold.Move)]
    public async Task A_broker_killed_while_it_persists_an_update_disposition_loses_the_message_nowhere(string operation)
    {
        var directory = Directory.CreateTempSubdirectory("creditos-update-disposition-").FullName;
        await using var bus = new LocalServiceBusForWorker(lockDuration: TimeSpan.FromSeconds(3));
        bus.Stop();
        var hold = new StoreWriteHold { Operation = operation, Entity = Queue, After = 0 };
        long sequenceNumber;
        await using (var broker = WorkerProcess.Start(LocalServiceBusHost.Assembly, LocalServiceBusHost.ConfigurationFor(bus.Options, hold), directory, "local-servicebus"))
        {
            var held = broker.LineContaining("LOCAL-SERVICEBUS-HOLD:");
            await using var client = new ServiceBusClient(bus.ConnectionString, new ServiceBusClientOptions
            {
                RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(5) },
            });
            await using var sender = client.CreateSender(Queue);
            await SendWhenListeningAsync(sender, broker);
            await using var receiver = client.CreateReceiver(Queue);
            var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            Assert.NotNull(received);
            sequenceNumber = received.SequenceNumber;
            await receiver.DeferMessageAsync(received);
            var deferred = await receiver.ReceiveDeferredMessageAsync(sequenceNumber);

            // update-disposition (the message was locked by sequence number); the broker stops before its commit.
            var settling = Settle(receiver, deferred, operation);
            var first = await Task.WhenAny(held, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(first == held, $"the broker process never held the {operation} (its log: {broker.LogPath}):\n{broker.Tail()}");
            broker.Kill();
            await Assert.ThrowsAnyAsync<Exception>(() => settling);
        }

        // Started again on what the killed process left.
        bus.Start();
        Assert.Equal(1, bus.Server.CountOf(Queue));
        Assert.Equal(0, bus.Server.CountOf(Queue + "/$DeadLetterQueue"));

        await using var again = new ServiceBusClient(bus.ConnectionString);
        await using var next = again.CreateReceiver(Queue);
        ServiceBusReceivedMessage? back = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (back is null)
        {
            try
            {
                back = await next.ReceiveDeferredMessageAsync(sequenceNumber);
            }
            catch (ServiceBusException locked) when (locked.Reason == ServiceBusFailureReason.MessageNotFound && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250); // still under the lock the killed process's receive took
            }
        }

        Assert.Equal("m-deferred", back.MessageId);
        await Settle(next, back, operation);
        Assert.Equal(0, bus.Server.CountOf(Queue));
        if (operation == StoreWriteHold.Move)
        {
            await using var deadLetters = again.CreateReceiver(Queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
            var dead = Assert.Single(await deadLetters.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(5)));
            Assert.Equal(("m-deferred", "Poison"), (dead.MessageId, dead.DeadLetterReason));
        }

        Directory.Delete(directory, recursive: true);
    }

    private static Task Settle(ServiceBusReceiver receiver, ServiceBusReceivedMessage message, string operation) =>
        operation == StoreWriteHold.Move
            ? receiver.DeadLetterMessageAsync(message, "Poison", "a test's reason")
            : receiver.CompleteMessageAsync(message);

    /// <summary>The host process takes a moment to listen: the first send is tried until it does (30 s at most).</summary>
    private static async Task SendWhenListeningAsync(ServiceBusSender sender, WorkerProcess broker)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await sender.SendMessageAsync(new ServiceBusMessage("deferred") { MessageId = "m-deferred" });
                return;
            }
            catch (Exception exception) when (exception is ServiceBusException or TimeoutException && DateTime.UtcNow < deadline && !broker.HasExited)
            {
                await Task.Delay(250);
            }
        }
    }
}
