using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Transport;
using CreditOS.Integration.Worker.Transport.ServiceBus;
using Microsoft.Extensions.DependencyInjection;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 24, lock-lost seed 21001 (9 of 72 messages "never settled by any worker" with both queues empty): a broker restart
/// while a batch's completions were on the way lost their answers after the broker had applied them. The worker logs such a
/// settlement as failed; the message is gone from the queue and never comes back, so a wait on "settled by the worker" alone
/// runs out. The stream tests' wait now counts a failed settlement (<see cref="SettledMessages.IsAccounted"/>) and still
/// cannot end while a message is held on a queue, so one whose failed settlement was not applied is waited for.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class LostSettlementAnswerWaitTests
{
    [Fact]
    public async Task A_completion_applied_by_the_broker_whose_answer_the_worker_lost_is_accounted_once_no_queue_holds_a_message()
    {
        await using var bus = new LocalServiceBusForWorker(lockDuration: TimeSpan.FromSeconds(2));
        string[] queues = [LocalBroker.PaymentsQueue];
        await bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("m-applied", "sap.payment-advice", "{}"), LocalServiceBusForWorker.TextMessage("m-kept", "sap.payment-advice", "{}")]);
        using var settled = new SettledMessages();
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(new Uri("http://127.0.0.1:9/"), bus), settled.Register);
        var settler = worker.Services.GetRequiredService<ServiceBusSettler>();

        // A receiver takes both; the broker applies m-applied's completion; then the connection goes, and the worker's own
        // settlement of each fails on its side (for m-applied: the answer lost; for m-kept: not applied, it comes back).
        var client = new ServiceBusClient(bus.ConnectionString);
        var receiver = client.CreateReceiver(LocalBroker.PaymentsQueue);
        var received = new List<ServiceBusReceivedMessage>();
        while (received.Count < 2)
        {
            received.AddRange(await receiver.ReceiveMessagesAsync(2 - received.Count, TimeSpan.FromSeconds(10)));
        }

        await receiver.CompleteMessageAsync(received.Single(message => message.MessageId == "m-applied"));
        await client.DisposeAsync();
        foreach (var message in received)
        {
            await settler.SettleAsync(receiver, new InboundMessage(message, DateTimeOffset.UtcNow), SettleDecision.Complete(), LocalBroker.PaymentsQueue);
        }

        Assert.All(received, message => Assert.True(settled.SettlementFailed(message.MessageId) && !settled.IsSettled(message.MessageId)));

        // The old wait: m-applied is never settled by the worker, the queue is empty of it, and the wait runs out.
        await Assert.ThrowsAsync<TimeoutException>(() => bus.UntilSettledAsync(["m-applied"], settled.IsSettled, queues, TimeSpan.FromSeconds(3)));

        // The wait that counts a failed settlement still waits while m-kept, whose settlement was not applied, is on the queue.
        await Assert.ThrowsAsync<TimeoutException>(() => bus.UntilSettledAsync(["m-applied", "m-kept"], settled.IsAccounted, queues, TimeSpan.FromSeconds(1)));
        Assert.Equal(1, bus.Server.CountOf(LocalBroker.PaymentsQueue));

        // m-kept comes back once its lock runs out and is settled (here by a drain); then the wait ends.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (bus.Server.CountOf(LocalBroker.PaymentsQueue) > 0 && DateTime.UtcNow < deadline)
        {
            await bus.DrainAsync(LocalBroker.PaymentsQueue);
        }

        await bus.UntilSettledAsync(["m-applied", "m-kept"], settled.IsAccounted, queues, TimeSpan.FromSeconds(30));
        Assert.True(bus.HoldsNothing(queues));
    }
}
