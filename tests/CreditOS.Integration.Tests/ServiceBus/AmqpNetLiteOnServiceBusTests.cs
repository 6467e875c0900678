using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// The AMQPNetLite transport with its Service Bus profile (SASL PLAIN with the SAS policy, entity addresses,
/// RejectWithError) against the local Service Bus: the second transport path, on a broker that keeps the reason.
/// </summary>
// In the broker collection: worker metrics are process-wide, and tests that count settlements by queue name
// (SettlementCounter) must not see another test's worker settling a queue of the same name.
[Collection(BrokerCollection.Name)]
public sealed class AmqpNetLiteOnServiceBusTests
{
    private static readonly Uri UnusedDataverse = new("http://127.0.0.1:9/");

    private static Microsoft.Extensions.Configuration.IConfiguration Configuration(LocalServiceBusForWorker bus) =>
        WorkerConfiguration.For(UnusedDataverse, new Dictionary<string, string?>
        {
            ["Broker:Port"] = bus.Options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Broker:UserName"] = string.Empty,
            ["Broker:Password"] = string.Empty,
            ["Broker:SharedAccessKeyName"] = LocalServiceBusForWorker.KeyName,
            ["Broker:SharedAccessKey"] = LocalServiceBusForWorker.Key,
            ["Broker:Profile:QueueAddressFormat"] = "{0}",
            ["Broker:Profile:DeadLetterAddressFormat"] = "{0}/$DeadLetterQueue",
            ["Broker:Profile:DeadLetterMode"] = "RejectWithError",
            ["Broker:Profile:DeadLetterErrorCondition"] = "com.microsoft:dead-letter",
            ["Broker:Profile:AbandonOutcome"] = "Modified",
        });

    [Fact]
    public async Task Completes_and_dead_letters_with_the_reason_kept_by_the_broker()
    {
        await using var bus = new LocalServiceBusForWorker();
        var handler = new ScriptedHandler((message, _) => message.MessageId.StartsWith("bad", StringComparison.Ordinal)
            ? SettleDecision.DeadLetter("MalformedPayload", "The payment advice is not JSON.")
            : SettleDecision.Complete());
        await using var worker = WorkerUnderTest.Create(Configuration(bus), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await bus.SendAsync(LocalBroker.PaymentsQueue, Enumerable.Range(1, 20).Select(i => LocalServiceBusForWorker.TextMessage($"good-{i}", "any", "{}"))
            .Append(LocalServiceBusForWorker.TextMessage("bad-1", "sap.payment-advice", "{\"PaymentAdvice\":")));

        worker.Start(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.Count == 20 && bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") == 1,
            TimeSpan.FromSeconds(30), "twenty completions and one dead letter");
        await Eventually.TrueAsync(() => bus.Server.CountOf(LocalBroker.PaymentsQueue) == 0, TimeSpan.FromSeconds(10), "the queue empty");
        await worker.StopAsync();

        var dead = Assert.Single(await bus.DrainAsync(LocalBroker.PaymentsQueue, deadLetters: true));
        Assert.Equal("bad-1", dead.MessageId);
        Assert.Equal("MalformedPayload", dead.DeadLetterReason);
        Assert.Equal("The payment advice is not JSON.", dead.DeadLetterErrorDescription);
    }

    [Fact]
    // Session 21: the worker abandons with 'modified' (delivery failed) on Service Bus; it released before, which Service Bus
    // does not count (Azure/amqpnetlite#342), so this poison message came back for ever once the local Service Bus stopped
    // counting releases.
    public async Task Abandoned_messages_count_as_deliveries_and_reach_the_dead_letter_queue_after_MaxDeliveryCount()
    {
        await using var bus = new LocalServiceBusForWorker(maxDeliveryCount: 3);
        var handler = new ScriptedHandler((_, _) => SettleDecision.Abandon("never works"));
        await using var worker = WorkerUnderTest.Create(Configuration(bus), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("poison-1", "any", "{}")]);

        worker.Start(QueueKind.Payments);
        await Eventually.TrueAsync(() => bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") == 1, TimeSpan.FromSeconds(30), "moved after the delivery limit");
        await worker.StopAsync();

        Assert.Equal(3, handler.Deliveries["poison-1"]);
        Assert.Equal("MaxDeliveryCountExceeded", Assert.Single(await bus.DrainAsync(LocalBroker.PaymentsQueue, deadLetters: true)).DeadLetterReason);
    }
}
