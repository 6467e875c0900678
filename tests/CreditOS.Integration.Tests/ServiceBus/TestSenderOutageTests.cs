using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 25: the stream tests' own sender (<see cref="LocalServiceBusForWorker.SendAsync"/>) through a broker outage. Session
/// 24's two-worker soak seed 20002 died before its ledger check with "Connection refused" from the test's sender: the soak
/// stops the broker while the test is still sending, and the client's retry policy (10 retries, 0.2–2 s) gave up. An ERP
/// publisher keeps what it could not send and sends it again; the helper now does, sending again only what the broker did not
/// store, and fails the test, naming the messages, when it gives up.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class TestSenderOutageTests
{
    /// <summary>A policy that gives up within about half a second, so an outage of 2 s outlasts it.</summary>
    private static readonly ServiceBusRetryOptions ShortRetry = new()
    {
        Mode = ServiceBusRetryMode.Fixed,
        MaxRetries = 2,
        Delay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        TryTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task Messages_sent_during_an_outage_longer_than_the_clients_retries_are_stored_once_when_the_broker_is_back()
    {
        await using var bus = new LocalServiceBusForWorker(senderRetry: ShortRetry);
        var messages = Enumerable.Range(1, 150).Select(index => LocalServiceBusForWorker.TextMessage($"out-{index}", "sap.payment-advice", "{}")).ToList();
        bus.Stop();

        // The client alone gives up during the outage (what the helper did before: the exception reached the test).
        await using (var client = new ServiceBusClient(bus.ConnectionString, new ServiceBusClientOptions { RetryOptions = ShortRetry }))
        await using (var plain = client.CreateSender(LocalBroker.PaymentsQueue))
        {
            var refused = await Assert.ThrowsAsync<ServiceBusException>(() => plain.SendMessageAsync(LocalServiceBusForWorker.TextMessage("plain", "sap.payment-advice", "{}")));
            Assert.True(refused.IsTransient, $"{refused.Reason}");
        }

        var sending = bus.SendAsync(LocalBroker.PaymentsQueue, messages);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(sending.IsCompleted, "the send ended during the outage");

        bus.Start();
        await sending;

        var stored = await bus.DrainAsync(LocalBroker.PaymentsQueue);
        Assert.Equal(messages.Select(message => message.MessageId).Order(StringComparer.Ordinal), stored.Select(message => message.MessageId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_sender_that_gives_up_fails_the_test_naming_the_messages_it_did_not_send()
    {
        await using var bus = new LocalServiceBusForWorker(senderRetry: ShortRetry) { PublisherPatience = TimeSpan.FromSeconds(1) };
        bus.Stop();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => bus.SendAsync(LocalBroker.PaymentsQueue, [LocalServiceBusForWorker.TextMessage("never-sent", "sap.payment-advice", "{}")]));

        Assert.Contains("gave up", failure.Message, StringComparison.Ordinal);
        Assert.Contains("never-sent", failure.Message, StringComparison.Ordinal);
        Assert.Contains("still stopped", failure.Message, StringComparison.Ordinal);
        bus.Start();
        Assert.Equal(0, bus.Server.CountOf(LocalBroker.PaymentsQueue));
    }
}
