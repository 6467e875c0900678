using Azure.Core;
using Azure.Messaging.ServiceBus;

namespace CreditOS.LocalServiceBus.Tests;

/// <summary>Who may do what, and what the local Service Bus refuses loudly instead of pretending.</summary>
public sealed class AccessAndRefusalTests
{
    private static LocalServiceBusFixture Bus() => new(options => options.Queues.Add(new QueueDefinition { Name = "orders" }));

    [Fact]
    public async Task A_token_signed_with_a_wrong_key_is_refused_as_unauthorized()
    {
        await using var bus = Bus();
        await using var client = bus.Client(key: "d3Jvbmcta2V5");
        await using var sender = client.CreateSender("orders");

        var failure = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
        Assert.Contains("signature does not match key 'RootManageSharedAccessKey'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, bus.Server.CountOf("orders"));
    }

    [Fact]
    public async Task A_send_only_policy_can_send_but_not_receive()
    {
        await using var bus = Bus();
        await using var client = bus.Client("send-only", "c2VuZC1vbmx5LWtleQ==");
        await using var sender = client.CreateSender("orders");
        await sender.SendMessageAsync(new ServiceBusMessage("x") { MessageId = "m-1" });
        await using var receiver = client.CreateReceiver("orders");

        var failure = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("Listen", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, bus.Server.CountOf("orders"));
    }

    [Fact]
    public async Task A_TokenCredential_with_the_local_development_token_sends_and_receives_and_any_other_bearer_token_is_refused()
    {
        await using var bus = Bus();
        await using (var client = bus.Client(new FixedTokenCredential(LocalServiceBusFixture.DevelopmentToken)))
        {
            await using var sender = client.CreateSender("orders");
            await sender.SendMessageAsync(new ServiceBusMessage("x") { MessageId = "m-1" });
            await using var receiver = client.CreateReceiver("orders");
            var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("m-1", received.MessageId);
            await receiver.CompleteMessageAsync(received);
        }

        await using (var client = bus.Client(new FixedTokenCredential("eyJhbGciOiJSUzI1NiJ9.a-real-entra-token.sig")))
        {
            await using var sender = client.CreateSender("orders");
            var failure = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("y")));
            Assert.Contains("cannot validate Entra ID tokens", failure.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, bus.Server.CountOf("orders"));
    }

    [Fact]
    public async Task An_unknown_queue_is_refused_as_not_found()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender("no-such-queue");

        var failure = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, failure.Reason);
        Assert.Contains("no-such-queue", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_receivers_are_refused_as_not_implemented()
    {
        await using var bus = Bus();
        await using var client = bus.Client();

        var failure = await Assert.ThrowsAsync<NotSupportedException>(() => client.AcceptNextSessionAsync("orders"));
        Assert.Contains("sessions", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_with_a_session_id_is_refused_and_not_stored()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");

        var failure = await Assert.ThrowsAsync<NotSupportedException>(() => sender.SendMessageAsync(new ServiceBusMessage("x") { SessionId = "s-1" }));
        Assert.Contains("sessions", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, bus.Server.CountOf("orders"));
    }

    [Fact]
    public async Task Scheduled_messages_are_refused_as_not_implemented()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");

        var failure = await Assert.ThrowsAsync<NotSupportedException>(() =>
            sender.ScheduleMessageAsync(new ServiceBusMessage("x"), DateTimeOffset.UtcNow.AddMinutes(5)));
        Assert.Contains("schedule-message", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, bus.Server.CountOf("orders"));
    }

    [Fact]
    public async Task Transactions_are_refused_as_not_implemented()
    {
        await using var bus = Bus();
        await using var client = bus.Client();
        await using var sender = client.CreateSender("orders");

        using var scope = new System.Transactions.TransactionScope(System.Transactions.TransactionScopeAsyncFlowOption.Enabled);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
        Assert.Contains("transactions", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, bus.Server.CountOf("orders"));
    }

    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
