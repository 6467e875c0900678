using CreditOS.Integration.Tests.Support;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 26: the stream tests' drain wait derives from the worker's worst case (<see cref="WorkerDrainBudget"/>) instead of
/// a constant, and a wait that runs out says what is still in flight (session 25's two-worker seed 20002 gave up on a fixed
/// 150 s while a poison payment was still spending its deliveries, and the report could not show it).
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class DrainBudgetAndReportTests
{
    [Fact]
    public async Task The_budget_is_the_worker_configurations_worst_case_and_grows_with_the_measured_handling_time()
    {
        await using var bus = new LocalServiceBusForWorker(TimeSpan.FromSeconds(3), maxDeliveryCount: 10);
        var worker = WorkerConfiguration.ForServiceBus(new Uri("http://127.0.0.1:9/"), bus, new Dictionary<string, string?>
        {
            ["Pump:TransientFailurePause"] = "00:00:01",
            ["Pump:MaxBatchSize"] = "10",
            ["Pump:RechecksPerDelivery"] = "3",
            ["Pump:LinkSilenceAllowance"] = "00:00:10",
            ["Dataverse:RetryBaseDelay"] = "00:00:00.020",
            ["Dataverse:MaxRetryAttempts"] = "6",
            ["Broker:ReconnectMaxDelay"] = "00:00:02",
        });
        var budget = WorkerDrainBudget.Of(worker, TimeSpan.FromSeconds(3), maxDeliveryCount: 10, serverRetryAfter: TimeSpan.FromSeconds(1));

        // By hand: the 6 retries each wait the server's 1 s (longer than 20 ms × 2^n up to 640 ms): 6 s. One delivery with 2 s
        // handling: lock 3 + 4 handlings 8 + backoff 6 + 3 recheck pauses 3 = 20 s; 10 deliveries 200 s, plus the holds
        // 1 s × (1+2+3+4+5×6 = 40) = 240 s. 100 messages in batches of 10: 20 s. Two outages of 1 s in all: 1 + 2 × (5 × 2 + 10) = 41 s.
        Assert.Equal(TimeSpan.FromSeconds(6), budget.RetryBackoff);
        Assert.Equal(TimeSpan.FromSeconds(240), budget.SlowestMessage(TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(301), budget.For(100, TimeSpan.FromSeconds(2), outages: 2, downtime: TimeSpan.FromSeconds(1)));

        // Slower Dataverse calls, a longer wait (each handling counts 4 times a delivery and once per batch): 4 s → 240 + 80 + 20 more.
        Assert.Equal(TimeSpan.FromSeconds(301 + 80 + 20), budget.For(100, TimeSpan.FromSeconds(4), outages: 2, downtime: TimeSpan.FromSeconds(1)));

        // A handling time below the floor counts as the floor (1 s), so an idle run's budget is not near zero.
        Assert.Equal(budget.For(100, WorkerDrainBudget.MinimumHandling), budget.For(100, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_wait_that_runs_out_names_each_message_in_flight_its_deliveries_its_lock_and_the_workers_state()
    {
        await using var bus = new LocalServiceBusForWorker(TimeSpan.FromSeconds(30), maxDeliveryCount: 10);
        string[] queues = [LocalBroker.PaymentsQueue];
        await bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("m-held", "sap.payment-advice", "{}"), LocalServiceBusForWorker.TextMessage("m-ready", "sap.payment-advice", "{}")]);
        Assert.Equal(["m-held"], await bus.LockAndCrashAsync(LocalBroker.PaymentsQueue, 1)); // its lock outlives its crashed receiver

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => bus.UntilSettledAsync(
            ["m-held", "m-ready"], _ => false, queues, () => (TimeSpan.FromSeconds(1), "budget 1 s"), id => id == "m-held" ? "last abandoned at delivery 1: waits for invoice 9" : "never settled"));

        Assert.Contains("(budget 1 s)", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("unsettled m-held: last abandoned at delivery 1: waits for invoice 9", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("#1 m-held deliveries failed 0, locked for ", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("#2 m-ready deliveries failed 0, ready", timeout.Message, StringComparison.Ordinal);
        Assert.Contains($"broker {LocalBroker.PaymentsQueue}/$DeadLetterQueue: 0 messages", timeout.Message, StringComparison.Ordinal);
    }
}
