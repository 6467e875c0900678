using CreditOS.Integration.Tests.Support;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 23: the stream tests wait until the queues hold nothing before they drain the dead letters. During a restart's
/// outage that wait read the stopped server's in-memory counts, a stale copy that can be short of its store (a dead-letter cut
/// off by the stop has left its queue in memory, while the store keeps the message locked, to come back), so the wait could
/// end, and the drain run, before that message was dead-lettered again. It now waits for the running broker.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class BrokerOutageWaitTests
{
    [Fact]
    public async Task A_wait_for_empty_queues_does_not_end_on_a_stopped_brokers_counts()
    {
        await using var bus = new LocalServiceBusForWorker();
        string[] queues = [LocalBroker.PaymentsQueue];
        bus.Stop();

        var wait = bus.UntilSettledAsync([], _ => true, queues, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(wait.IsCompleted, "the wait ended while the broker was down, on the stopped server's counts");
        Assert.False(bus.HoldsNothing(queues));

        bus.Start();
        await wait;
        Assert.True(bus.HoldsNothing(queues));
    }
}
