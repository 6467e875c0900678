using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>
/// Session 30: a settlement the official client sends as <c>com.microsoft:update-disposition</c> on <c>$management</c> (how it
/// settles a message it received by sequence number: a deferred one) is shown to the test hook like a disposition on the receive
/// link, with the outcome and the message id, and a dropped one changes nothing. Before, it reached the store unseen: a test
/// could not kill a client between its decision and such a settlement.
/// </summary>
public sealed class UpdateDispositionMomentTests
{
    public enum Outcome
    {
        Complete,
        Abandon,
        DeadLetter,
        Defer,
    }

    [Theory]
    [InlineData(Outcome.Complete, "complete")]
    [InlineData(Outcome.Abandon, "abandon")]
    [InlineData(Outcome.DeadLetter, "dead-letter")]
    [InlineData(Outcome.Defer, "defer")]
    public async Task A_settlement_of_a_deferred_message_is_shown_to_the_hook_and_a_dropped_one_changes_nothing(Outcome outcome, string detail)
    {
        await using var bus = new LocalServiceBusFixture(options => options.Queues.Add(new QueueDefinition { Name = "orders", LockDuration = TimeSpan.FromSeconds(30) }));

        // A client that does not retry: the dropped request is never answered, so its call times out once. The same receiver
        // settles both times: the client sends update-disposition only for a lock it took by sequence number itself.
        await using var client = new ServiceBusClient(bus.ConnectionString(), new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(3) },
        });
        await using (var sender = client.CreateSender("orders"))
        {
            await sender.SendMessageAsync(new ServiceBusMessage("later") { MessageId = "m-deferred" });
        }

        await using var receiver = client.CreateReceiver("orders");
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        await receiver.DeferMessageAsync(received);
        var deferred = await receiver.ReceiveDeferredMessageAsync(received.SequenceNumber);

        var seen = new List<BrokerMoment>();
        var drop = true;
        bus.Server.MomentHook = moment =>
        {
            lock (seen)
            {
                if (moment.Kind != BrokerMomentKind.Settlement)
                {
                    return BrokerMomentAction.Proceed;
                }

                seen.Add(moment);
                return drop ? BrokerMomentAction.Drop : BrokerMomentAction.Proceed;
            }
        };
        await Assert.ThrowsAnyAsync<Exception>(() => Settle(receiver, deferred, outcome));

        lock (seen)
        {
            var moment = Assert.Single(seen);
            Assert.Equal(("orders", detail), (moment.EntityPath, moment.Detail));
            Assert.Equal(["m-deferred"], moment.MessageIds);
            drop = false;
        }

        // Dropped: the message is still there, deferred, under the lock the receive by sequence number took, and nothing was
        // dead-lettered or counted.
        Assert.Equal(1, bus.Server.CountOf("orders"));
        Assert.Equal(0, bus.Server.CountOf("orders/$DeadLetterQueue"));
        var state = Assert.Single(bus.Server.DescribeMessages("orders"));
        Assert.Contains("m-deferred deliveries failed 0, locked for", state, StringComparison.Ordinal);

        // The same settlement through a live client now goes through.
        await Settle(receiver, deferred, outcome);
        lock (seen)
        {
            Assert.Equal(2, seen.Count);
        }

        var expected = outcome switch
        {
            Outcome.Complete => (0, 0),
            Outcome.DeadLetter => (0, 1),
            _ => (1, 0),
        };
        Assert.Equal(expected, (bus.Server.CountOf("orders"), bus.Server.CountOf("orders/$DeadLetterQueue")));
    }

    [Fact]
    public async Task A_disposition_on_the_receive_link_names_its_message_too()
    {
        await using var bus = new LocalServiceBusFixture(options => options.Queues.Add(new QueueDefinition { Name = "orders" }));
        await using var client = bus.Client();
        await using (var sender = client.CreateSender("orders"))
        {
            await sender.SendMessageAsync(new ServiceBusMessage("now") { MessageId = "m-now" });
        }

        var seen = new List<BrokerMoment>();
        bus.Server.MomentHook = moment =>
        {
            lock (seen)
            {
                seen.Add(moment);
            }

            return BrokerMomentAction.Proceed;
        };
        await using var receiver = client.CreateReceiver("orders");
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        await receiver.CompleteMessageAsync(received);

        lock (seen)
        {
            var settlement = Assert.Single(seen, moment => moment.Kind == BrokerMomentKind.Settlement);
            Assert.Equal("complete", settlement.Detail);
            Assert.Equal(["m-now"], settlement.MessageIds);
        }
    }

    private static Task Settle(ServiceBusReceiver receiver, ServiceBusReceivedMessage message, Outcome outcome) => outcome switch
    {
        Outcome.Complete => receiver.CompleteMessageAsync(message),
        Outcome.Abandon => receiver.AbandonMessageAsync(message, new Dictionary<string, object> { ["LastAbandonReason"] = "held" }),
        Outcome.DeadLetter => receiver.DeadLetterMessageAsync(message, "Poison", "a test's reason"),
        _ => receiver.DeferMessageAsync(message),
    };
}
