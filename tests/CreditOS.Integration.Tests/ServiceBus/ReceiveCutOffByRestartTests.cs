using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Tests.Support;
using CreditOS.Integration.Worker.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace CreditOS.Integration.Tests.ServiceBus;

/// <summary>
/// Session 27, lock-lost seed 27001 (run 2 of 2): a broker restart cut off the CBS token exchange of the receive link the
/// official client re-opens for <c>ReceiveMessagesAsync</c> (called with no cancellation token), and the client threw the AMQP
/// library's <see cref="TaskCanceledException"/> (<c>AmqpCbsLink.SendTokenAsync</c> → <c>AmqpReceiver.OpenReceiverLinkAsync</c>).
/// The pump caught only transient ServiceBusExceptions and UnauthorizedAccessException, so it took the cancellation as a lasting
/// failure and ended: that queue was no longer received by the worker (the test failed in the worker's stop). Session 26 fixed
/// the same exception on settlements. The receive now fails as a transient one does: logged, backed off, received again.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ReceiveCutOffByRestartTests
{
    [Fact]
    public async Task A_receive_the_client_cancels_itself_is_received_again_and_the_pump_goes_on()
    {
        await using var bus = new LocalServiceBusForWorker();
        var receiver = new CancelledOnceReceiver();
        await using var worker = WorkerUnderTest.Create(
            WorkerConfiguration.ForServiceBus(new Uri("http://127.0.0.1:9/"), bus),
            services => services.AddSingleton<ServiceBusClient>(new OneReceiverClient(receiver)));
        worker.StartServiceBus(QueueKind.Payments);

        await Eventually.TrueAsync(() => receiver.Receives >= 3, TimeSpan.FromSeconds(30), "the pump received again after the receive the client cancelled");
        await worker.StopAsync(); // a pump that ended on the cancellation throws it here
    }

    /// <summary>A client whose receivers are the one given (the pump asks for one per queue).</summary>
    private sealed class OneReceiverClient(ServiceBusReceiver receiver) : ServiceBusClient
    {
        public override ServiceBusReceiver CreateReceiver(string queueName, ServiceBusReceiverOptions options) => receiver;

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A receiver whose first receive ends as the client's did when the restart cut off its link's CBS token exchange; later ones find nothing.</summary>
    private sealed class CancelledOnceReceiver : ServiceBusReceiver
    {
        private int _receives;

        public int Receives => Volatile.Read(ref _receives);

        public override async Task<IReadOnlyList<ServiceBusReceivedMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan? maxWaitTime = null, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _receives) == 1)
            {
                throw new TaskCanceledException("A task was canceled.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            return [];
        }

        public override Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
