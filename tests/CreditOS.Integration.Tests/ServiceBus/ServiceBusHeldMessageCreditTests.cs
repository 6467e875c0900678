using System.Collections.Concurrent;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 17 (the faulty-stream soak's seeds 3 and 17002, prefetch 1): the official client's receive link gives a credit
/// back only when a delivery is settled (Microsoft.Azure.Amqp, Azure/azure-amqp#275), so a message held before its abandon
/// kept the receiver's only credit for the whole hold. Given back, it was again the lowest sequence number and Service Bus
/// handed it straight back: the messages behind a waiting reversal were never delivered (seed 3: 5 payments in 150 s).
/// A held message must not stop the messages behind it.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusHeldMessageCreditTests
{
    private static readonly Uri UnusedDataverse = new("http://127.0.0.1:9/");

    [Fact]
    public async Task With_prefetch_1_a_held_message_does_not_stop_the_messages_behind_it()
    {
        await using var bus = new LocalServiceBusForWorker(maxDeliveryCount: 10);
        var completedAt = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);
        var handler = new ScriptedHandler((message, _) =>
        {
            if (message.MessageId == "waits-1")
            {
                return SettleDecision.Abandon("the payment is not posted in Dataverse (yet)");
            }

            completedAt[message.MessageId] = DateTime.UtcNow;
            return SettleDecision.Complete();
        });
        await using var worker = WorkerUnderTest.Create(
            WorkerConfiguration.ForServiceBus(UnusedDataverse, bus, new Dictionary<string, string?>
            {
                ["Pump:TransientFailurePause"] = "00:00:01",
                ["Pump:MaxConcurrentBatches"] = "4",
                ["Pump:MaxBatchSize"] = "5",
                ["Broker:Prefetch"] = "1",
            }),
            WorkerUnderTest.WithHandler(QueueKind.Payments, handler));

        // The waiting message first: it has the lowest sequence number, so Service Bus always offers it first.
        await bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("waits-1", "any", "{}")]);
        await bus.SendAsync(LocalBroker.PaymentsQueue, [.. Enumerable.Range(2, 5).Select(index => LocalServiceBusForWorker.TextMessage($"ok-{index}", "any", "{}"))]);
        var started = DateTime.UtcNow;
        worker.StartServiceBus(QueueKind.Payments);

        // Held 1 s, 2 s, 3 s ... before each abandon: before the fix the five messages behind it waited for its dead letter
        // (1 + 2 + 3 + 4 + 5 × 5 = 35 s of holds); now they go while it is held.
        await Eventually.TrueAsync(() => completedAt.Count == 5, TimeSpan.FromSeconds(20), "the five messages behind the held one completed");
        var last = completedAt.Values.Max() - started;
        var waitingDeliveries = handler.Deliveries.GetValueOrDefault("waits-1");
        await worker.StopAsync();

        Assert.True(last < TimeSpan.FromSeconds(6), $"the messages behind the held one took {last.TotalSeconds:0.0} s ({waitingDeliveries} deliveries of the held one by then)");
        Assert.True(waitingDeliveries <= 3, $"the held message was delivered {waitingDeliveries} times while the others went");
    }
}
