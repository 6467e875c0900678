using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Tests.Broker;

/// <summary>Settle decisions carried out against the real local broker.</summary>
[Collection(BrokerCollection.Name)]
public sealed class SettlementTests : IAsyncLifetime
{
    private static readonly Uri UnusedDataverse = new("http://127.0.0.1:9/");

    public async Task InitializeAsync()
    {
        await LocalBroker.EnsureRunningAsync();
        await LocalBroker.PurgeAsync(LocalBroker.PaymentsQueue);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Complete_RemovesMessageFromQueue()
    {
        var handler = new ScriptedHandler((_, _) => SettleDecision.Complete());
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(UnusedDataverse), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await LocalBroker.SendAsync(LocalBroker.PaymentsQueue, Enumerable.Range(1, 5).Select(i => LocalBroker.TextMessage($"complete-{i}", "any", "{}")));

        worker.Start(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.Count == 5, TimeSpan.FromSeconds(20), "five completions");
        await worker.StopAsync();

        Assert.Empty(await LocalBroker.DrainAsync(LocalBroker.QueueAddress(LocalBroker.PaymentsQueue)));
        Assert.Empty(await LocalBroker.DrainAsync(LocalBroker.DeadLetterAddress(LocalBroker.PaymentsQueue)));
        Assert.All(handler.Deliveries.Values, deliveries => Assert.Equal(1, deliveries));
    }

    [Fact]
    public async Task Abandon_RedeliversMessage()
    {
        var handler = new ScriptedHandler((_, delivery) => delivery == 1 ? SettleDecision.Abandon("first try fails") : SettleDecision.Complete());
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(UnusedDataverse), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await LocalBroker.SendAsync(LocalBroker.PaymentsQueue, [LocalBroker.TextMessage("abandon-1", "any", "{}"), LocalBroker.TextMessage("abandon-2", "any", "{}")]);

        worker.Start(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Completed.Count == 2, TimeSpan.FromSeconds(20), "both completed after redelivery");
        await worker.StopAsync();

        Assert.Equal(2, handler.Deliveries["abandon-1"]);
        Assert.Equal(2, handler.Deliveries["abandon-2"]);
        Assert.Empty(await LocalBroker.DrainAsync(LocalBroker.QueueAddress(LocalBroker.PaymentsQueue)));
    }

    [Fact]
    public async Task DeadLetter_PutsMessageWithReasonOnDeadLetterQueue()
    {
        var handler = new ScriptedHandler((_, _) => SettleDecision.DeadLetter("UnknownCustomer", "No account has customer number 'C-404'."));
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(UnusedDataverse), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await LocalBroker.SendAsync(LocalBroker.PaymentsQueue, [LocalBroker.TextMessage("dead-1", "sap.payment-advice", "{\"a\":1}")]);

        worker.Start(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Deliveries.ContainsKey("dead-1"), TimeSpan.FromSeconds(20), "delivery");
        await worker.StopAsync();

        var deadLetters = await LocalBroker.DrainAsync(LocalBroker.DeadLetterAddress(LocalBroker.PaymentsQueue));
        var deadLetter = Assert.Single(deadLetters);
        Assert.Equal("dead-1", deadLetter.Properties.MessageId);
        Assert.Equal("sap.payment-advice", deadLetter.Properties.Subject);
        Assert.Equal("{\"a\":1}", LocalBroker.Body(deadLetter));
        Assert.Equal("UnknownCustomer", LocalBroker.Property(deadLetter, DeadLetterProperties.Reason));
        Assert.Equal("No account has customer number 'C-404'.", LocalBroker.Property(deadLetter, DeadLetterProperties.ErrorDescription));
        Assert.Equal(LocalBroker.PaymentsQueue, LocalBroker.Property(deadLetter, DeadLetterProperties.Source));
        Assert.Empty(await LocalBroker.DrainAsync(LocalBroker.QueueAddress(LocalBroker.PaymentsQueue)));
    }

    [Fact]
    public async Task AlwaysAbandoned_IsDeadLetteredByBrokerAfterDeliveryLimit()
    {
        var handler = new ScriptedHandler((_, _) => SettleDecision.Abandon("never works"));
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.For(UnusedDataverse), WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await LocalBroker.SendAsync(LocalBroker.PaymentsQueue, [LocalBroker.TextMessage("poison-1", "any", "{}")]);

        worker.Start(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Deliveries.GetValueOrDefault("poison-1") >= LocalBroker.DeliveryLimit + 1, TimeSpan.FromSeconds(30), "delivery limit reached");
        await Task.Delay(300);
        await worker.StopAsync();

        Assert.Equal(LocalBroker.DeliveryLimit + 1, handler.Deliveries["poison-1"]);
        var deadLetter = Assert.Single(await LocalBroker.DrainAsync(LocalBroker.DeadLetterAddress(LocalBroker.PaymentsQueue)));
        Assert.Equal("poison-1", deadLetter.Properties.MessageId);
    }

    [Fact]
    public async Task RejectWithErrorProfile_OnRabbitMq_DeadLettersButTheBrokerDropsTheReason()
    {
        var handler = new ScriptedHandler((_, _) => SettleDecision.DeadLetter("MalformedPayload", "not JSON"));
        var configuration = WorkerConfiguration.For(UnusedDataverse, new Dictionary<string, string?> { ["Broker:Profile:DeadLetterMode"] = "RejectWithError" });
        await using var worker = WorkerUnderTest.Create(configuration, WorkerUnderTest.WithHandler(QueueKind.Payments, handler));
        await LocalBroker.SendAsync(LocalBroker.PaymentsQueue, [LocalBroker.TextMessage("reject-1", "any", "{}")]);

        worker.Start(QueueKind.Payments);
        await Eventually.TrueAsync(() => handler.Deliveries.ContainsKey("reject-1"), TimeSpan.FromSeconds(20), "delivery");
        await worker.StopAsync();

        // This is why the local profile republishes: the rejected outcome's error does not survive on RabbitMQ.
        var deadLetter = Assert.Single(await LocalBroker.DrainAsync(LocalBroker.DeadLetterAddress(LocalBroker.PaymentsQueue)));
        Assert.Equal("reject-1", deadLetter.Properties.MessageId);
        Assert.Null(LocalBroker.Property(deadLetter, DeadLetterProperties.Reason));
    }
}
