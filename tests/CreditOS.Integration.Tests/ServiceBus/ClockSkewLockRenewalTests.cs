using System.Diagnostics.Metrics;
using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Observability;
using CreditOS.Integration.Worker.Transport.ServiceBus;
using CreditOS.LocalServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 30, a hostile stream's clock skew: the broker's clock (which stamps <c>EnqueuedTime</c> and <c>LockedUntil</c>)
/// 2 minutes behind the worker's. The worker times lock renewals on <c>LockedUntil</c>; every lock it is granted looks over
/// already by its own clock. Before, each renewal was due again at once: renew-lock requests in a loop without a pause for
/// as long as a batch was handled. Now a renewal that succeeded is followed by the next no sooner than half of
/// <c>Broker:ServiceBus:LockRenewalInterval</c>; the locks are kept (renewed in time on the broker's clock) and settle.
/// </summary>
public sealed class ClockSkewLockRenewalTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Kept = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task A_broker_clock_two_minutes_behind_keeps_the_locks_without_a_storm_of_renewals()
    {
        const int Messages = 5;
        await using var bus = new LocalServiceBusForWorker(lockDuration: TimeSpan.FromSeconds(4), clock: new ShiftedClock(TimeSpan.FromMinutes(-2)));
        await bus.SendAsync(LocalBroker.PaymentsQueue, Enumerable.Range(1, Messages).Select(index => LocalServiceBusForWorker.TextMessage($"skew-{index}", "sap.payment-advice", "{}")));
        var renewals = 0;
        bus.Server.MomentHook = moment =>
        {
            if (moment.Kind == BrokerMomentKind.RenewLock)
            {
                Interlocked.Increment(ref renewals);
            }

            return BrokerMomentAction.Proceed;
        };

        await using var client = new ServiceBusClient(bus.ConnectionString);
        await using var receiver = client.CreateReceiver(LocalBroker.PaymentsQueue);
        var received = new List<ServiceBusReceivedMessage>();
        while (received.Count < Messages)
        {
            received.AddRange(await receiver.ReceiveMessagesAsync(Messages - received.Count, TimeSpan.FromSeconds(10)));
        }

        // The skew as the worker sees it: each lock it was just granted ended long ago by its own clock.
        Assert.All(received, message => Assert.True(message.LockedUntil < DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1), $"{message.MessageId} locked until {message.LockedUntil:O}"));

        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var keeper = new MessageLockKeeper(receiver, LocalBroker.PaymentsQueue, received, Interval, TimeProvider.System,
            new WorkerMetrics(services.GetRequiredService<IMeterFactory>(), TimeProvider.System), NullLogger.Instance);
        using (var decided = new CancellationTokenSource(Kept))
        {
            await keeper.KeepAsync(null, decided.Token);
        }

        // Kept twice the lock duration: no lock lost, each message completes.
        Assert.All(received, message => Assert.False(keeper.IsLost(message), $"{message.MessageId}: lock lost"));
        foreach (var message in received)
        {
            await receiver.CompleteMessageAsync(message);
        }

        Assert.Equal(0, bus.Server.CountOf(LocalBroker.PaymentsQueue));

        // Bounded: the first renewal of each at once (its lock looks over), then at most one per half interval (0.5 s) while
        // kept. Without the bound this was a loop of requests as fast as the broker answered them.
        var bound = Messages * (int)((Kept / (Interval / 2)) + 2);
        output.WriteLine($"{renewals} renew-lock requests for {Messages} messages kept {Kept.TotalSeconds:0} s, broker clock 2 min behind (bound {bound}).");
        Assert.True(renewals <= bound, $"{renewals} renew-lock requests for {Messages} messages kept {Kept.TotalSeconds:0} s (at most {bound} expected)");
        Assert.True(renewals >= Messages * 2, $"only {renewals} renew-lock requests: the locks were not renewed");
    }

    /// <summary>The system clock moved by a fixed offset (a host whose clock is off).</summary>
    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
