using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Amqp;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// Session 32, the SIGTERM flake (CI: 6 receivables "locked for 4.9 s more" by the link of a worker process that had just
/// exited). The broker decides a delivery under the entity's lock (the message locked to the receive link) and hands it to the
/// link outside it, on whichever thread decided it: a send on another connection, a settlement, the lock sweep. A drain or a
/// close of the link on its own connection could come in between: the drain was answered (link credit 0) before the transfer
/// reached the link, so the transfer waited for credit the closing client never gave, or it reached a link already closed and
/// the AMQP library dropped it without a word; either way the message stayed locked by a gone receiver until its lock ran out,
/// and then counted a failed delivery it never had. The <see cref="BrokerMomentKind.Delivery"/> moment holds the hand-out so
/// the drain or the close comes in between every time.
/// </summary>
public sealed class HandOutRaceTests
{
    private const string Queue = "receivables";

    [Fact]
    public async Task A_drain_is_answered_only_after_the_deliveries_already_decided_for_the_link()
    {
        await using var bus = Bus();
        await using var raw = await RawReceiveLink.OpenAsync(bus, Queue);
        raw.Link.IssueCredit(10, false, AmqpConstants.NullBinary);
        await UntilAsync(() => bus.Server.Describe(Queue).Contains(" credit 10 ", StringComparison.Ordinal), "the broker counting the link's 10 credits");

        var decided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bus.Server.MomentHook = moment =>
        {
            if (moment.Kind == BrokerMomentKind.Delivery && moment.EntityPath == Queue)
            {
                decided.TrySetResult();
                drained.Task.Wait(TimeSpan.FromSeconds(3)); // the hand-out held until the drain is answered (at most 3 s)
            }

            return BrokerMomentAction.Proceed;
        };

        await using var client = bus.Client();
        await using var sender = client.CreateSender(Queue);
        var sending = sender.SendMessageAsync(new ServiceBusMessage("inv-1") { MessageId = "inv-1" });
        await decided.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // The link stays open after the drain: what the broker decided for it before the drain must precede the answer.
        await raw.Link.DrainAsyc(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        var arrivedByTheAnswer = raw.Arrived;
        drained.TrySetResult();
        await sending.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(arrivedByTheAnswer.SequenceEqual(["inv-1"]),
            $"the drain was answered before the delivery decided for the link reached it (arrived by then: [{string.Join(", ", arrivedByTheAnswer)}]); {bus.Server.Describe(Queue)}; {string.Join("; ", bus.Server.DescribeMessages(Queue))}");
        Assert.Equal(0u, raw.Link.LinkCredit);
    }

    [Fact]
    public async Task A_delivery_that_reaches_a_link_closed_before_it_transferred_leaves_the_message_receivable_at_once()
    {
        await using var bus = Bus();
        var raw = await RawReceiveLink.OpenAsync(bus, Queue);
        await using var _ = raw;
        raw.Link.IssueCredit(10, false, AmqpConstants.NullBinary);
        await UntilAsync(() => bus.Server.Describe(Queue).Contains(" credit 10 ", StringComparison.Ordinal), "the broker counting the link's 10 credits");

        var decided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bus.Server.MomentHook = moment =>
        {
            if (moment.Kind == BrokerMomentKind.Delivery && moment.EntityPath == Queue)
            {
                decided.TrySetResult();
                closed.Task.Wait(TimeSpan.FromSeconds(10)); // the hand-out held until the receiver closed its link
            }

            return BrokerMomentAction.Proceed;
        };

        await using var client = bus.Client();
        await using var sender = client.CreateSender(Queue);
        var sending = sender.SendMessageAsync(new ServiceBusMessage("inv-2") { MessageId = "inv-2" });
        await decided.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // Closed without a drain (a receiver that had no credit left to drain by its own count, or a client that does not drain).
        await raw.Link.CloseAsync(TimeSpan.FromSeconds(20));
        await UntilAsync(() => bus.Server.Describe(Queue).EndsWith("consumers: none", StringComparison.Ordinal), "the broker seeing the link closed");
        closed.TrySetResult();
        await sending.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Empty(raw.Arrived);
        var states = await SettledStateAsync(bus);
        Assert.True(states.SequenceEqual(["#1 inv-2 deliveries failed 0, ready"]),
            $"the message the closed link never transferred is not receivable at once: {string.Join("; ", states)}");

        await using var receiver = client.CreateReceiver(Queue);
        var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(message);
        Assert.Equal("inv-2", message.MessageId);
        Assert.Equal(1, message.DeliveryCount); // never transferred: no delivery counted
        await receiver.CompleteMessageAsync(message);
    }

    /// <summary>
    /// The worker's stop as CI saw it, with the official client: a receive asked for 25 and got fewer (credit left on the link),
    /// a batch for that link decided as the receiver closes (the client drains its credit, then closes, releasing what reached
    /// it). Every message must be receivable at once, none locked for the lock duration (5 minutes here).
    /// </summary>
    [Fact]
    public async Task Messages_decided_for_a_receiver_as_it_closes_are_receivable_at_once()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        var receiver = client.CreateReceiver(Queue);
        Assert.Empty(await receiver.ReceiveMessagesAsync(25, TimeSpan.FromMilliseconds(300))); // leaves its 25 credits on the link

        var decided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bus.Server.MomentHook = moment =>
        {
            if (moment.Kind == BrokerMomentKind.Delivery && moment.EntityPath == Queue && decided.TrySetResult())
            {
                Thread.Sleep(TimeSpan.FromSeconds(1)); // the first hand-out held while the receiver drains and closes
            }

            return BrokerMomentAction.Proceed;
        };

        await using var senderClient = bus.Client();
        await using var sender = senderClient.CreateSender(Queue);
        var sending = sender.SendMessagesAsync(Enumerable.Range(101, 6).Select(number => new ServiceBusMessage($"inv-{number}") { MessageId = $"inv-{number}" }));
        await decided.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await receiver.DisposeAsync();
        await sending.WaitAsync(TimeSpan.FromSeconds(20));

        var states = await SettledStateAsync(bus);
        var notReady = states.Where(state => !state.EndsWith(", ready", StringComparison.Ordinal)).ToList();
        Assert.True(states.Count == 6 && notReady.Count == 0, $"left locked by the closed receiver: {string.Join("; ", notReady)} ({states.Count} messages)");
    }

    /// <summary>The entity's messages once nothing is on its way any more (releases travel after a close), at most 3 s.</summary>
    private static async Task<IReadOnlyList<string>> SettledStateAsync(LocalServiceBusFixture bus)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (true)
        {
            var states = bus.Server.DescribeMessages(Queue);
            if (states.All(state => state.EndsWith(", ready", StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
            {
                return states;
            }

            await Task.Delay(50);
        }
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    private static LocalServiceBusFixture Bus() => new(options =>
        options.Queues.Add(new QueueDefinition { Name = Queue, LockDuration = TimeSpan.FromMinutes(5) }));
}
