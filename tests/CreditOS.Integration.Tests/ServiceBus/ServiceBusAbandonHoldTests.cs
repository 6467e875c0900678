using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 17 (found by the faulty-stream soak, seeds 2, 3 and 6): a message the worker abandons because it waits for
/// another (a reversal for its payment, a payment for its invoice) must not burn the entity's MaxDeliveryCount faster than
/// Pump:TransientFailurePause allows. Before, only the abandoning batch's slot paused; Service Bus handed the message straight
/// back and the pump's other slots took it, so 40 deliveries passed in a few seconds. Now each abandoned message is held,
/// its lock renewed, for the pause × its delivery count (at most 5 ×) before it is given back.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusAbandonHoldTests
{
    private static readonly Uri UnusedDataverse = new("http://127.0.0.1:9/");

    [Fact]
    public async Task A_message_abandoned_again_and_again_reaches_MaxDeliveryCount_no_sooner_than_the_holds_allow()
    {
        await using var bus = new LocalServiceBusForWorker(maxDeliveryCount: 5);
        var deliveredAt = new System.Collections.Concurrent.ConcurrentQueue<DateTime>();
        var handler = new ScriptedHandler((_, _) =>
        {
            deliveredAt.Enqueue(DateTime.UtcNow);
            return SettleDecision.Abandon("the payment is not posted in Dataverse (yet)");
        });
        await using var worker = WorkerUnderTest.Create(
            WorkerConfiguration.ForServiceBus(UnusedDataverse, bus, new Dictionary<string, string?>
            {
                ["Pump:TransientFailurePause"] = "00:00:00.300",
                ["Pump:MaxConcurrentBatches"] = "4",
                ["Broker:Prefetch"] = "100",
            }),
            WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("waits-1", "any", "{}")]);

        worker.StartServiceBus(QueueKind.Payments);
        await Eventually.TrueAsync(() => bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") == 1, TimeSpan.FromSeconds(30), "dead-lettered after MaxDeliveryCount");
        await worker.StopAsync();

        // Five deliveries; between the first and the fifth the message was held 0.3 × (1 + 2 + 3 + 4) = 3 s (before: about 0.1 s).
        var times = deliveredAt.ToArray();
        Assert.Equal(5, times.Length);
        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds(2.9), $"5 deliveries within {(times[^1] - times[0]).TotalMilliseconds:0} ms");
        var deadLetter = (await bus.DrainAsync(LocalBroker.PaymentsQueue, deadLetters: true)).Single();
        Assert.Equal("MaxDeliveryCountExceeded", deadLetter.DeadLetterReason);
        Assert.Equal("the payment is not posted in Dataverse (yet)", deadLetter.ApplicationProperties[DeadLetterProperties.LastAbandonReason]);
    }
}
