using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Broker;

/// <summary>Nothing is lost when the worker stops or the broker restarts mid-stream.</summary>
[Collection(BrokerCollection.Name)]
public sealed class ReliabilityTests : IAsyncLifetime
{
    private static readonly Uri UnusedDataverse = new("http://127.0.0.1:9/");

    public async Task InitializeAsync()
    {
        await LocalBroker.EnsureRunningAsync();
        await LocalBroker.PurgeAsync(LocalBroker.PaymentsQueue);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GracefulShutdown_ReleasesInFlightMessages_NothingIsLost()
    {
        const int total = 300;
        var handler = new ScriptedHandler((_, _) => SettleDecision.Complete(), delayPerBatch: TimeSpan.FromMilliseconds(40));
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(UnusedDataverse), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        var ids = Enumerable.Range(1, total).Select(i => $"shutdown-{i}").ToList();
        await LocalBroker.SendAsync(LocalBroker.PaymentsQueue, ids.Select(id => LocalBroker.TextMessage(id, "any", "{}")));

        worker.Start(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.Count >= 50, TimeSpan.FromSeconds(20), "some messages completed");
        await worker.StopAsync();

        var remaining = (await LocalBroker.DrainAsync(LocalBroker.QueueAddress(LocalBroker.PaymentsQueue))).Select(message => message.Properties.MessageId).ToList();
        Assert.True(handler.Completed.Count < total, "the stop should have come mid-stream");
        Assert.Empty(handler.Completed.Keys.Intersect(remaining));
        Assert.Equal(ids.Order(), handler.Completed.Keys.Concat(remaining).Order());
        Assert.Empty(await LocalBroker.DrainAsync(LocalBroker.DeadLetterAddress(LocalBroker.PaymentsQueue)));
    }

    [Fact]
    public async Task BrokerRestartMidStream_ReconnectsAndLosesNothing()
    {
        const int total = 400;
        var handler = new ScriptedHandler((_, _) => SettleDecision.Complete(), delayPerBatch: TimeSpan.FromMilliseconds(20));
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(UnusedDataverse), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        var ids = Enumerable.Range(1, total).Select(i => $"restart-{i}").ToList();
        await LocalBroker.SendAsync(LocalBroker.PaymentsQueue, ids.Select(id => LocalBroker.TextMessage(id, "any", "{}")));

        worker.Start(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.Count >= 40, TimeSpan.FromSeconds(20), "some messages completed");
        await LocalBroker.RestartAsync();
        await Eventually.TrueAsync(() => handler.Completed.Count == total, TimeSpan.FromSeconds(120), "every message completed after the restart");
        await worker.StopAsync();

        Assert.Equal(ids.Order(), handler.Completed.Keys.Order());
        Assert.Empty(await LocalBroker.DrainAsync(LocalBroker.QueueAddress(LocalBroker.PaymentsQueue)));
        Assert.Empty(await LocalBroker.DrainAsync(LocalBroker.DeadLetterAddress(LocalBroker.PaymentsQueue)));
    }
}
