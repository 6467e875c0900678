using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>The worker's settle decisions carried out by the official Service Bus client against the local Service Bus.</summary>
// In the broker collection: worker metrics are process-wide, and tests that count settlements by queue name
// (SettlementCounter) must not see another test's worker settling a queue of the same name.
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusSettlementTests
{
    private static readonly Uri UnusedDataverse = new("http://127.0.0.1:9/");

    [Fact]
    public async Task Complete_removes_every_message_and_each_is_handled_once()
    {
        await using var bus = new LocalServiceBusForWorker();
        var handler = new ScriptedHandler((_, _) => SettleDecision.Complete());
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(UnusedDataverse, bus), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await bus.SendAsync(LocalBroker.PaymentsQueue, Enumerable.Range(1, 120).Select(i => LocalServiceBusForWorker.TextMessage($"complete-{i}", "any", "{}")));

        worker.StartServiceBus(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.Count == 120, TimeSpan.FromSeconds(30), "120 completions");
        await Eventually.TrueAsync(() => bus.Server.CountOf(LocalBroker.PaymentsQueue) == 0, TimeSpan.FromSeconds(10), "the queue empty");
        await worker.StopAsync();

        Assert.All(handler.Deliveries.Values, deliveries => Assert.Equal(1, deliveries));
        Assert.Equal(0, bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue"));
    }

    [Fact]
    public async Task Abandon_redelivers_with_the_delivery_count_one_higher()
    {
        await using var bus = new LocalServiceBusForWorker();
        var counts = new System.Collections.Concurrent.ConcurrentBag<(string, int)>();
        var handler = new ScriptedHandler((message, delivery) =>
        {
            counts.Add((message.MessageId, message.ServiceBusDeliveryCount()));
            return delivery == 1 ? SettleDecision.Abandon("Dataverse answered 503") : SettleDecision.Complete();
        });
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(UnusedDataverse, bus), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("abandon-1", "any", "{}")]);

        worker.StartServiceBus(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.Count == 1, TimeSpan.FromSeconds(20), "completed after redelivery");
        await worker.StopAsync();

        Assert.Equal([("abandon-1", 1), ("abandon-1", 2)], counts.Order());
        Assert.Equal(0, bus.Server.CountOf(LocalBroker.PaymentsQueue));
    }

    [Fact]
    public async Task Dead_letter_carries_reason_description_and_the_order_value()
    {
        await using var bus = new LocalServiceBusForWorker();
        var handler = new ScriptedHandler((_, _) => SettleDecision.DeadLetter("OrderConflict", "Order W-1 was placed for C-1001 at 100.00 EUR; now 900.00 EUR.",
            new Dictionary<string, object> { [DeadLetterProperties.OrderValue] = "900", [DeadLetterProperties.OrderCurrency] = "EUR" }));
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(UnusedDataverse, bus), WorkerUnderTest.WithHandler(QueueKind.OrderIntake, handler));
        await bus.SendAsync(LocalBroker.OrderIntakeQueue, [LocalServiceBusForWorker.TextMessage("dead-1", "webshop.order", "{\"a\":1}")]);

        worker.StartServiceBus(QueueKind.OrderIntake);
        await Eventually.TrueAsync(() => bus.Server.CountOf($"{LocalBroker.OrderIntakeQueue}/$DeadLetterQueue") == 1, TimeSpan.FromSeconds(20), "dead-lettered");
        await worker.StopAsync();

        var dead = Assert.Single(await bus.DrainAsync(LocalBroker.OrderIntakeQueue, deadLetters: true));
        Assert.Equal("dead-1", dead.MessageId);
        Assert.Equal("webshop.order", dead.Subject);
        Assert.Equal("{\"a\":1}", dead.Body.ToString());
        Assert.Equal("OrderConflict", dead.DeadLetterReason);
        Assert.Equal("Order W-1 was placed for C-1001 at 100.00 EUR; now 900.00 EUR.", dead.DeadLetterErrorDescription);
        Assert.Equal(LocalBroker.OrderIntakeQueue, dead.DeadLetterSource);
        Assert.Equal("900", dead.ApplicationProperties[DeadLetterProperties.OrderValue]);
        Assert.Equal("EUR", dead.ApplicationProperties[DeadLetterProperties.OrderCurrency]);
        Assert.Equal(0, bus.Server.CountOf(LocalBroker.OrderIntakeQueue));
    }

    [Fact]
    public async Task Always_abandoned_is_dead_lettered_by_Service_Bus_after_MaxDeliveryCount()
    {
        await using var bus = new LocalServiceBusForWorker(maxDeliveryCount: 4);
        var handler = new ScriptedHandler((_, _) => SettleDecision.Abandon("never works"));
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(UnusedDataverse, bus), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("poison-1", "any", "{}")]);

        worker.StartServiceBus(QueueKind.Payments);
        await Eventually.TrueAsync(() => bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") == 1, TimeSpan.FromSeconds(30), "moved after the delivery limit");
        await worker.StopAsync();

        Assert.Equal(4, handler.Deliveries["poison-1"]);
        var dead = Assert.Single(await bus.DrainAsync(LocalBroker.PaymentsQueue, deadLetters: true));
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        // Service Bus' own description says nothing about the payload; the worker's last reason travels with the message.
        Assert.Equal("never works", dead.ApplicationProperties[DeadLetterProperties.LastAbandonReason]);
    }

    [Fact]
    public async Task A_batch_longer_than_the_lock_keeps_its_locks_by_renewal_and_is_handled_once()
    {
        await using var bus = new LocalServiceBusForWorker(lockDuration: TimeSpan.FromSeconds(2));
        var handler = new ScriptedHandler((_, _) => SettleDecision.Complete(), delayPerBatch: TimeSpan.FromSeconds(5));
        var configuration = WorkerConfiguration.ForServiceBus(UnusedDataverse, bus, new Dictionary<string, string?> { ["Broker:ServiceBus:LockRenewalInterval"] = "00:00:01", ["Broker:Prefetch"] = "5" });
        await using var worker = WorkerUnderTest.Create(configuration, WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await bus.SendAsync(LocalBroker.PaymentsQueue, Enumerable.Range(1, 5).Select(i => LocalServiceBusForWorker.TextMessage($"slow-{i}", "any", "{}")));

        worker.StartServiceBus(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.Count == 5, TimeSpan.FromSeconds(30), "five completions");
        await Eventually.TrueAsync(() => bus.Server.CountOf(LocalBroker.PaymentsQueue) == 0, TimeSpan.FromSeconds(10), "the queue empty");
        await worker.StopAsync();

        Assert.All(handler.Deliveries.Values, deliveries => Assert.Equal(1, deliveries));
    }

    [Fact]
    public async Task The_worker_signs_in_with_its_TokenCredential_over_TLS()
    {
        await using var bus = new LocalServiceBusForWorker();
        var handler = new ScriptedHandler((_, _) => SettleDecision.Complete());
        var configuration = WorkerConfiguration.ForServiceBus(UnusedDataverse, bus, WorkerConfiguration.TokenCredentialOverTls(bus));
        await using var worker = WorkerUnderTest.Create(configuration, WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await bus.SendAsync(LocalBroker.PaymentsQueue, Enumerable.Range(1, 10).Select(i => LocalServiceBusForWorker.TextMessage($"token-{i}", "any", "{}")));

        worker.StartServiceBus(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.Count == 10, TimeSpan.FromSeconds(30), "ten completions");
        await worker.StopAsync();

        Assert.Equal(0, bus.Server.CountOf(LocalBroker.PaymentsQueue));
    }
}

internal static class InboundMessageServiceBusExtensions
{
    public static int ServiceBusDeliveryCount(this InboundMessage message) =>
        typeof(InboundMessage).GetProperty("ServiceBus", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .GetValue(message) is ServiceBusReceivedMessage received ? received.DeliveryCount : 0;
}
