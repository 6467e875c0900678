using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 23 (ServiceBusLockLostStreamTests seed 21002: the payment sent before its invoice was dead-lettered
/// MaxDeliveryCountExceeded, and in most passing runs it was posted at its 5th and last delivery): a message that waits for
/// another one (<see cref="SettleDecision.Wait"/>) is handled again within the same delivery, after holds of
/// Pump:TransientFailurePause with its lock renewed, before it is abandoned, so waiting costs time, not deliveries. With
/// Pump:RechecksPerDelivery 0 the pump does what it did before: one hold, then an abandon per delivery.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ServiceBusWaitingMessageRecheckTests
{
    private const string Waits = "Payment SAP/1 names invoice(s) K-1 that customer C-1 does not have in Dataverse yet";
    private static readonly Uri UnusedDataverse = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData(null)] // the default, 3 rechecks per delivery
    [InlineData("0")] // as before session 23
    public async Task A_payment_whose_invoice_comes_4_s_late_is_posted_within_3_deliveries_only_when_it_is_rechecked_within_them(string? rechecks)
    {
        await using var bus = new LocalServiceBusForWorker(maxDeliveryCount: 3);
        var deliveryCounts = new System.Collections.Concurrent.ConcurrentQueue<int>();
        DateTime? invoiceArrives = null;
        var handler = new ScriptedHandler((message, _) =>
        {
            deliveryCounts.Enqueue(message.ServiceBusDeliveryCount());
            invoiceArrives ??= DateTime.UtcNow.AddSeconds(4); // the invoice is written 4 s after the payment was first handled
            return DateTime.UtcNow < invoiceArrives ? SettleDecision.Wait(Waits) : SettleDecision.Complete();
        });
        var settings = new Dictionary<string, string?> { ["Pump:TransientFailurePause"] = "00:00:00.500" };
        if (rechecks is not null)
        {
            settings["Pump:RechecksPerDelivery"] = rechecks;
        }

        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(UnusedDataverse, bus, settings), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("pay-late", "any", "{}")]);
        worker.StartServiceBus(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.ContainsKey("pay-late") || bus.Server.CountOf($"{LocalBroker.PaymentsQueue}/$DeadLetterQueue") == 1, TimeSpan.FromSeconds(60), "posted or dead-lettered");
        await bus.UntilSettledAsync([], _ => true, [LocalBroker.PaymentsQueue], TimeSpan.FromSeconds(60));
        await worker.StopAsync();
        var deadLetters = await bus.DeadLettersAsync([LocalBroker.PaymentsQueue]);

        var counts = deliveryCounts.ToArray();
        if (rechecks == "0")
        {
            // One handling per delivery, three deliveries within about 0.5 + 1.0 + 1.5 s: dead-lettered before the invoice came.
            Assert.Equal(new[] { 1, 2, 3 }, counts);
            Assert.False(handler.Completed.ContainsKey("pay-late"));
            Assert.Equal("MaxDeliveryCountExceeded", deadLetters["pay-late"].DeadLetterReason);
            Assert.Equal(Waits, deadLetters["pay-late"].ApplicationProperties[DeadLetterProperties.LastAbandonReason]);
        }
        else
        {
            // Handled again within its deliveries until the invoice was there: posted once, never dead-lettered.
            Assert.Equal(1, handler.Completed["pay-late"]);
            Assert.Empty(deadLetters);
            Assert.True(counts.Max() <= 3, $"delivery counts seen: {string.Join(", ", counts)}");
            Assert.True(counts.Length > counts.Max(), $"rechecked within a delivery: handled {counts.Length} times in {counts.Max()} deliveries");
        }
    }
}
