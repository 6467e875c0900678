using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Transport;
using CreditOS.Integration.Worker.Transport.ServiceBus;
using Microsoft.Extensions.DependencyInjection;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 26, two-worker soak seed 24201 (run 1 of 3): a broker restart cut off the CBS token exchange of the receive link the
/// official client re-opens to settle, and <c>CompleteMessageAsync</c> (called with no cancellation token) threw the AMQP
/// library's <see cref="TaskCanceledException"/>. The settler caught only ServiceBusException, InvalidOperationException and
/// TimeoutException, so it escaped: the batch faulted (its other settlements and its held messages skipped, and a completion
/// the broker may have applied never logged), and the pump's stop threw it (the test failed in the worker's dispose). The
/// settlement now fails as any settlement cut off by a restart does: logged "could not settle", Service Bus redelivers it (or
/// applied it and the answer was lost), and the alternate keys make the redelivery idempotent.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class SettlementCutOffByRestartTests
{
    [Theory]
    [InlineData(SettleKind.Complete)]
    [InlineData(SettleKind.Abandon)]
    [InlineData(SettleKind.DeadLetter)]
    public async Task A_settlement_the_client_cancels_itself_is_logged_as_failed_and_does_not_escape_the_settler(SettleKind kind)
    {
        await using var bus = new LocalServiceBusForWorker();
        using var settled = new SettledMessages();
        await using var worker = WorkerUnderTest.Create(WorkerConfiguration.ForServiceBus(new Uri("http://127.0.0.1:9/"), bus), settled.Register);
        var settler = worker.Services.GetRequiredService<ServiceBusSettler>();
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(messageId: "m-cut-off", deliveryCount: 1, lockTokenGuid: Guid.NewGuid());
        var decision = kind switch
        {
            SettleKind.Complete => SettleDecision.Complete(),
            SettleKind.Abandon => SettleDecision.Abandon("Dataverse busy"),
            _ => SettleDecision.DeadLetter("UnknownFormat", "not a payment advice"),
        };

        await settler.SettleAsync(new CancelledByTheClient(), new InboundMessage(message, DateTimeOffset.UtcNow), decision, LocalBroker.PaymentsQueue);

        Assert.True(settled.SettlementFailed("m-cut-off"));
        Assert.False(settled.IsSettled("m-cut-off"));
    }

    /// <summary>A receiver whose settlements end as the client's did when the restart cut off its link's CBS token exchange.</summary>
    private sealed class CancelledByTheClient : ServiceBusReceiver
    {
        public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) => Cancelled();

        public override Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null, CancellationToken cancellationToken = default) => Cancelled();

        public override Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object> propertiesToModify, string deadLetterReason, string? deadLetterErrorDescription = null, CancellationToken cancellationToken = default) => Cancelled();

        private static Task Cancelled() => Task.FromException(new TaskCanceledException("A task was canceled."));
    }
}
