using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;
using Xunit.Abstractions;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>Nothing is lost when the worker stops or the local Service Bus restarts mid-stream (official client).</summary>
// In the broker collection: worker metrics are process-wide, and tests that count settlements by queue name
// (SettlementCounter) must not see another test's worker settling a queue of the same name.
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusReliabilityTests(ITestOutputHelper output)
{
    private static readonly Uri UnusedDataverse = new("http://127.0.0.1:9/");

    [Fact]
    public async Task Graceful_shutdown_leaves_every_unprocessed_message_in_the_queue()
    {
        const int total = 300;
        await using var bus = new LocalServiceBusForWorker();
        var handler = new ScriptedHandler((_, _) => SettleDecision.Complete(), delayPerBatch: TimeSpan.FromMilliseconds(40));
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(UnusedDataverse, bus), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        var ids = Enumerable.Range(1, total).Select(i => $"shutdown-{i}").ToList();
        await bus.SendAsync(LocalBroker.PaymentsQueue, ids.Select(id => LocalServiceBusForWorker.TextMessage(id, "any", "{}")));

        worker.StartServiceBus(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.Count >= 50, TimeSpan.FromSeconds(20), "some messages completed");
        await worker.StopAsync();

        // The broker's own account after the stop (before the test receives anything): every message the worker did not complete
        // is on the queue and ready, none left on the stopped worker's lock (it would come back only when its lock runs out, 30 s
        // here). A message the stop gave back may have been handed straight back to the closing receiver, whose releases land
        // after the stop returned (session 35: GracefulStopReleaseTests), so they get QueueAfterStop.ReleaseGrace.
        var afterStop = await QueueAfterStop.UntilEveryMessageReadyAsync(bus, LocalBroker.PaymentsQueue, total, QueueAfterStop.ReleaseGrace);
        output.WriteLine($"{handler.Completed.Count} completed before the stop; {afterStop.Summary}: {string.Join("; ", afterStop.NotReadyAtFirst.Take(3))}");
        Assert.True(afterStop.NotReadyAtEnd.Count == 0, $"{afterStop.Summary}: {string.Join("; ", afterStop.NotReadyAtEnd.Take(20))}");
        Assert.Equal(total - handler.Completed.Count, afterStop.Messages.Count);

        var remaining = (await bus.DrainUntilEmptyAsync(LocalBroker.PaymentsQueue)).Select(message => message.MessageId).ToList();
        Assert.True(handler.Completed.Count < total, "the stop should have come mid-stream");
        Assert.Empty(handler.Completed.Keys.Intersect(remaining));
        Assert.Equal(ids.Order(), handler.Completed.Keys.Concat(remaining).Order());
        Assert.Empty(await bus.DrainAsync(LocalBroker.PaymentsQueue, deadLetters: true));
    }

    [Fact]
    public async Task Local_Service_Bus_restart_mid_stream_loses_nothing()
    {
        const int total = 400;
        await using var bus = new LocalServiceBusForWorker(lockDuration: TimeSpan.FromSeconds(3));
        var handler = new ScriptedHandler((_, _) => SettleDecision.Complete(), delayPerBatch: TimeSpan.FromMilliseconds(20));
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(UnusedDataverse, bus), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        var ids = Enumerable.Range(1, total).Select(i => $"restart-{i}").ToList();
        await bus.SendAsync(LocalBroker.PaymentsQueue, ids.Select(id => LocalServiceBusForWorker.TextMessage(id, "any", "{}")));

        worker.StartServiceBus(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.Count >= 40, TimeSpan.FromSeconds(20), "some messages completed");
        bus.Restart();
        await Eventually.TrueAsync(() => bus.Server.CountOf(LocalBroker.PaymentsQueue) == 0, TimeSpan.FromSeconds(120), "every message completed after the restart");
        await worker.StopAsync();

        // At least once: a completion lost with the connection is redelivered (the alternate keys make it idempotent).
        Assert.Equal(ids.Order(), handler.Completed.Keys.Order());
        Assert.Empty(await bus.DrainAsync(LocalBroker.PaymentsQueue, deadLetters: true));
    }
}
