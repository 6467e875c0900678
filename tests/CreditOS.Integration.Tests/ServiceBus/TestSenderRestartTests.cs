using CreditOS.Integration.Tests.Support;
using CreditOS.LocalServiceBus;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 34: the stream tests' own sender (<see cref="LocalServiceBusForWorker.SendAsync"/>) when a broker restart cuts one of
/// its sends. Session 33's fresh-clone CI failed <c>ServiceBusPoisonStreamTests</c> with "The test's send of 1 message(s) to
/// creditos.erp.receivables (inv-1-moved) stored 2 (attempt 1, answered)": the stream's restart (200 ms after the 2nd $batch)
/// fell between the store of that send and its answer, and the official client's own retry sent it again to the restarted
/// broker, which stored a second copy (Service Bus does the same without duplicate detection: the sender is left in doubt).
/// The moments are made exact with the broker's <see cref="BrokerMomentKind.SendStored"/> and
/// <see cref="BrokerMomentKind.Send"/> hooks: the hook starts the restart and withholds the answer (or the transfer), as the
/// connection the restart closes would.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class TestSenderRestartTests
{
    [Fact]
    public async Task A_restart_between_the_store_of_a_send_and_its_answer_leaves_one_copy_and_the_send_succeeds()
    {
        await using var bus = new LocalServiceBusForWorker();
        var restart = CutOnce(bus, BrokerMomentKind.SendStored, LocalBroker.ReceivablesQueue);

        await bus.SendAsync(LocalBroker.ReceivablesQueue, [LocalServiceBusForWorker.TextMessage("inv-1-moved", "sap.open-item", "{}")]);
        await restart.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stored = await bus.DrainAsync(LocalBroker.ReceivablesQueue);
        Assert.Equal(["inv-1-moved"], stored.Select(message => message.MessageId));
        Assert.Equal(1, bus.Server.LastSequenceNumberOf(LocalBroker.ReceivablesQueue));
        Assert.Equal((1, 1, 0), (bus.StopsDuringSends, bus.AttemptsCutAfterStore, bus.AttemptsCutBeforeStore));
    }

    [Fact]
    public async Task A_restart_that_cuts_a_send_before_its_store_has_it_sent_again_once_the_two_counts_read_from_two_servers()
    {
        await using var bus = new LocalServiceBusForWorker();
        await bus.SendAsync(LocalBroker.ReceivablesQueue, [LocalServiceBusForWorker.TextMessage("inv-0", "sap.open-item", "{}")]);
        var restart = CutOnce(bus, BrokerMomentKind.Send, LocalBroker.ReceivablesQueue);

        await bus.SendAsync(LocalBroker.ReceivablesQueue, [LocalServiceBusForWorker.TextMessage("inv-1", "sap.open-item", "{}")]);
        await restart.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The restarted broker numbers on from the store: 1 before the cut send, 2 for its one copy.
        var stored = await bus.DrainAsync(LocalBroker.ReceivablesQueue);
        Assert.Equal(["inv-0", "inv-1"], stored.Select(message => message.MessageId).Order(StringComparer.Ordinal));
        Assert.Equal(2, bus.Server.LastSequenceNumberOf(LocalBroker.ReceivablesQueue));
        Assert.Equal(1, bus.StopsDuringSends);
        Assert.Equal(0, bus.AttemptsCutAfterStore);
        Assert.True(bus.AttemptsCutBeforeStore >= 1, bus.SendCuts);
    }

    /// <summary>
    /// On the first <paramref name="kind"/> moment on <paramref name="queue"/> the running broker is restarted (on another thread,
    /// as the stream tests' <c>RestartAfter</c> does) and the frame's answer is withheld: the restart closes the connection it
    /// would have gone on. The restarted broker has no hook. Completes when the restart is done.
    /// </summary>
    private static TaskCompletionSource CutOnce(LocalServiceBusForWorker bus, BrokerMomentKind kind, string queue)
    {
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var armed = 1;
        bus.Server.MomentHook = moment =>
        {
            if (moment.Kind != kind || !string.Equals(moment.EntityPath, queue, StringComparison.OrdinalIgnoreCase) || Interlocked.Exchange(ref armed, 0) == 0)
            {
                return BrokerMomentAction.Proceed;
            }

            _ = Task.Run(() =>
            {
                try
                {
                    bus.Restart();
                    restarted.TrySetResult();
                }
                catch (Exception exception)
                {
                    restarted.TrySetException(exception);
                }
            });
            return BrokerMomentAction.Drop;
        };
        return restarted;
    }
}
