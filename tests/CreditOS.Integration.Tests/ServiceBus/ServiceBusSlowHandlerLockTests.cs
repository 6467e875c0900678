using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 19 (the soak's open defect under a load average of 35–60: messages dead-lettered MaxDeliveryCountExceeded that no
/// worker ever abandoned). Service Bus locks a message when it hands it to the client, prefetched or not, and every lock that
/// runs out counts a delivery. With Broker:Prefetch + Pump:MaxHeldMessages of credit the client took the whole queue into its
/// buffer while the handler was busy, the locks ran out there, and a message could be counted out without its handler ever
/// deciding; a fixed renewal interval started with the batch came late for messages that had waited, and a hold could outlast
/// the lock. Here the handler takes longer than the lock for every batch and two messages are held (the second hold longer
/// than the lock) under a MaxDeliveryCount of 3: every message is handled, each plain one exactly once, nothing is
/// dead-lettered and nothing is left locked.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusSlowHandlerLockTests
{
    private static readonly Uri UnusedDataverse = new("http://127.0.0.1:9/");

    [Fact]
    public async Task A_handler_slower_than_the_lock_with_messages_held_loses_no_lock_and_nothing_reaches_MaxDeliveryCount()
    {
        await using var bus = new LocalServiceBusForWorker(lockDuration: TimeSpan.FromSeconds(2), maxDeliveryCount: 3);
        string[] waiting = ["waits-a", "waits-b"];
        var handler = new ScriptedHandler(
            (message, delivery) => waiting.Contains(message.MessageId) && delivery < 3
                ? SettleDecision.Abandon("the payment is not posted in Dataverse (yet)")
                : SettleDecision.Complete(),
            delayPerBatch: TimeSpan.FromSeconds(3));
        await using var worker = WorkerUnderTest.Create(
            WorkerConfiguration.ForServiceBus(UnusedDataverse, bus, new Dictionary<string, string?>
            {
                ["Broker:Prefetch"] = "100",
                ["Broker:ServiceBus:LockRenewalInterval"] = "00:00:01",
                ["Pump:MaxBatchSize"] = "5",
                ["Pump:MaxConcurrentBatches"] = "2",
                ["Pump:TransientFailurePause"] = "00:00:01.500", // holds of 1.5 s and 3 s: the second outlasts the 2 s lock
            }),
            WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        var plain = Enumerable.Range(1, 30).Select(index => $"pay-{index}").ToList();
        await bus.SendAsync(LocalBroker.PaymentsQueue, [.. waiting.Concat(plain).Select(id => LocalServiceBusForWorker.TextMessage(id, "any", "{}"))]);

        worker.StartServiceBus(QueueKind.Payments);
        await Eventually.TrueAsync(
            () => handler.Completed.Count == 32 || bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") > 0,
            TimeSpan.FromSeconds(90), "every message completed (or one dead-lettered)");
        await Eventually.TrueAsync(() => bus.Server.CountOf(LocalBroker.PaymentsQueue) == 0, TimeSpan.FromSeconds(10), "the queue empty");
        await worker.StopAsync();

        var deadLetters = await bus.DrainAsync(LocalBroker.PaymentsQueue, deadLetters: true);
        Assert.True(deadLetters.Count == 0, $"dead-lettered: {string.Join(", ", deadLetters.Select(letter => $"{letter.MessageId} {letter.DeadLetterReason} (delivery {letter.DeliveryCount})"))}");
        var handledAgain = plain.Where(id => handler.Deliveries.GetValueOrDefault(id) != 1).Select(id => $"{id} ×{handler.Deliveries.GetValueOrDefault(id)}").ToList();
        Assert.True(handledAgain.Count == 0, $"handled other than once (a lock lost while it waited or was handled): {string.Join(", ", handledAgain)}");
        Assert.All(waiting, id => Assert.Equal(3, handler.Deliveries.GetValueOrDefault(id)));
        Assert.Equal(32, handler.Completed.Count);
        Assert.All(handler.Completed.Values, count => Assert.Equal(1, count));
    }
}
