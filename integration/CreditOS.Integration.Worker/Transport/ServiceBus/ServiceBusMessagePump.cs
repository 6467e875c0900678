using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Transport.ServiceBus;

/// <summary>
/// Receives one queue in peek-lock mode with the official client (prefetch = Broker:Prefetch + Pump:MaxHeldMessages, batches of up to
/// Pump:MaxBatchSize), hands each batch to the queue's handler in its own scope, renews the batch's locks while the
/// handler runs, and settles every message only after the handler decided (a completion after the Dataverse write
/// committed). Up to Pump:MaxConcurrentBatches batches run at once. On stop, in-flight batches finish and the client
/// gives prefetched messages back when the receiver closes.
/// </summary>
public sealed partial class ServiceBusMessagePump
{
    private readonly QueueKind _kind;
    private readonly string _queue;
    private readonly ServiceBusClient _client;
    private readonly IServiceScopeFactory _scopes;
    private readonly ServiceBusSettler _settler;
    private readonly BrokerOptions _broker;
    private readonly PumpOptions _pump;
    private readonly WorkerMetrics _metrics;
    private readonly ReceiverStates _receivers;
    private readonly TimeProvider _clock;
    private readonly ILogger<ServiceBusMessagePump> _logger;
    private readonly ReconnectBackoff _backoff;
    private readonly BatchDecider _decider;
    private int _held;

    public ServiceBusMessagePump(
        QueueKind kind,
        ServiceBusClient client,
        IServiceScopeFactory scopes,
        ServiceBusSettler settler,
        IOptions<BrokerOptions> broker,
        IOptions<PumpOptions> pump,
        WorkerMetrics metrics,
        ReceiverStates receivers,
        TimeProvider clock,
        ILogger<ServiceBusMessagePump> logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(pump);
        _kind = kind;
        _broker = broker.Value;
        _pump = pump.Value;
        _queue = _broker.Queues.NameOf(kind);
        _client = client;
        _scopes = scopes;
        _settler = settler;
        _metrics = metrics;
        _receivers = receivers;
        _clock = clock;
        _logger = logger;
        _backoff = new ReconnectBackoff(_broker.ReconnectInitialDelay, _broker.ReconnectMaxDelay);
        _decider = new BatchDecider(_kind, _queue, "servicebus", _scopes, logger);
    }

    public string Queue => _queue;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        _receivers.Starting(_queue);
        var receiver = _client.CreateReceiver(_queue, new ServiceBusReceiverOptions
        {
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            // One more credit per message the pump may hold before its abandon: the client keeps a delivery's credit until it
            // is settled (Azure/azure-amqp#275), so held messages must not take the credit the messages behind them need.
            PrefetchCount = _broker.Prefetch + _pump.MaxHeldMessages,
        });
        var inFlight = new List<Task>();
        using var slots = new SemaphoreSlim(_pump.MaxConcurrentBatches, _pump.MaxConcurrentBatches);
        LogListening(_queue, _broker.Prefetch, _pump.MaxBatchSize);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                IReadOnlyList<ServiceBusReceivedMessage> received;
                try
                {
                    // Not cancelled on stop (bounded by IdleReceiveWait instead): a receive cancelled after the broker had
                    // delivered would drop its messages unsettled, locked until their lock expired, so a graceful stop left
                    // them neither processed nor in the queue (seen in CI: 9 of 300). A batch received while stopping is
                    // decided as usual (the decider abandons it when the handler stops), so it is settled either way.
                    received = await receiver.ReceiveMessagesAsync(_pump.MaxBatchSize, _pump.IdleReceiveWait, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is ServiceBusException { IsTransient: true } or UnauthorizedAccessException)
                {
                    slots.Release();
                    _receivers.Failed(_queue, FailureOf(exception));
                    var delay = _backoff.NextDelay();
                    LogReceiveFailed(exception, _queue, delay.TotalMilliseconds);
                    await DelayUnlessStopping(delay, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                _receivers.Received(_queue);
                if (received.Count == 0)
                {
                    slots.Release();
                    continue;
                }

                _backoff.Reset();
                inFlight.RemoveAll(task => task.IsCompleted);
                inFlight.Add(ProcessAndReleaseSlotAsync(receiver, received, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception exception)
        {
            // Not transient (the entity is missing, for example): the pump ends and readiness says why.
            _receivers.Failed(_queue, FailureOf(exception));
            throw;
        }
        finally
        {
            await Task.WhenAll(inFlight).ConfigureAwait(false);
            await receiver.DisposeAsync().ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested)
            {
                _receivers.Stopped(_queue);
            }

            LogStopped(_queue);
        }
    }

    private async Task ProcessAndReleaseSlotAsync(ServiceBusReceiver receiver, IReadOnlyList<ServiceBusReceivedMessage> received, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var slotHeld = true;
        void ReleaseSlot()
        {
            if (slotHeld)
            {
                slotHeld = false;
                slots.Release();
            }
        }

        try
        {
            var now = _clock.GetUtcNow();
            var batch = received.Select(message => new InboundMessage(message, now) { Sequence = MessageSequence.Of(message, _client.FullyQualifiedNamespace, _queue) }).ToList();
            foreach (var _ in batch)
            {
                _metrics.Received(_queue);
            }

            IReadOnlyList<SettleDecision> decisions;
            using (var renewal = new CancellationTokenSource())
            {
                var renewing = RenewLocksAsync(receiver, received, renewal.Token);
                try
                {
                    decisions = await _decider.DecideAsync(batch, stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    await renewal.CancelAsync().ConfigureAwait(false);
                    await renewing.ConfigureAwait(false);
                }
            }

            // Completions and dead letters at once; what is abandoned is held first (below).
            var abandoned = Enumerable.Range(0, batch.Count).Where(index => decisions[index].Kind == SettleKind.Abandon).ToList();
            await Task.WhenAll(Enumerable.Range(0, batch.Count).Except(abandoned).Select(index => _settler.SettleAsync(receiver, batch[index], decisions[index], _queue))).ConfigureAwait(false);
            if (abandoned.Count > 0)
            {
                // The hold does not keep the slot: held messages are locked, so the pump goes on with the messages behind
                // them (holding the slot starved the queue: waiting messages, delivered first by their lower sequence
                // numbers, filled every slot, and the payments they waited for sat behind them for 45 s in the soak).
                ReleaseSlot();
                await HoldBeforeAbandonAsync(receiver, [.. abandoned.Select(index => received[index])], stoppingToken).ConfigureAwait(false);
                await Task.WhenAll(abandoned.Select(index => _settler.SettleAsync(receiver, batch[index], decisions[index], _queue))).ConfigureAwait(false);
            }
        }
        finally
        {
            ReleaseSlot();
        }
    }

    /// <summary>
    /// Holds messages about to be abandoned (their locks renewed) for Pump:TransientFailurePause × their delivery count (at
    /// most 5 ×) before giving them back. A pause of the batch's slot after the abandon did not slow redeliveries: Service
    /// Bus hands an abandoned message straight back (the lowest sequence number first, into the prefetch) and the pump's
    /// other slots received it at once, so a reversal waiting for its payment, or a payment for its invoice, burned the
    /// entity's MaxDeliveryCount within a few seconds and was dead-lettered though the message it waited for was on its way
    /// (the session-17 soak, seeds 2, 3 and 6: valid reversals dead-lettered MaxDeliveryCountExceeded after 40 deliveries).
    /// Held, a message is delivered again no sooner than the hold: with MaxDeliveryCount 10 it waits 40 pauses in all.
    /// A stop cuts the hold short (the messages are abandoned at once).
    /// </summary>
    private async Task HoldBeforeAbandonAsync(ServiceBusReceiver receiver, IReadOnlyList<ServiceBusReceivedMessage> messages, CancellationToken stoppingToken)
    {
        if (stoppingToken.IsCancellationRequested || _pump.TransientFailurePause <= TimeSpan.Zero)
        {
            return;
        }

        // Each held message keeps a credit of the receiver (given back only when it is settled): at most MaxHeldMessages are
        // held at once, the credit the receiver has beyond Broker:Prefetch, so the messages behind them are still delivered.
        if (Interlocked.Add(ref _held, messages.Count) > _pump.MaxHeldMessages)
        {
            Interlocked.Add(ref _held, -messages.Count);
            LogHoldsFull(_queue, messages.Count, _pump.MaxHeldMessages);
            return;
        }

        try
        {
            var hold = _pump.TransientFailurePause * Math.Clamp(messages.Max(message => message.DeliveryCount), 1, 5);
            using var renewal = new CancellationTokenSource();
            var renewing = RenewLocksAsync(receiver, messages, renewal.Token);
            try
            {
                await DelayUnlessStopping(hold, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                await renewal.CancelAsync().ConfigureAwait(false);
                await renewing.ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Add(ref _held, -messages.Count);
        }
    }

    /// <summary>A long batch (Dataverse throttling, retries) keeps its locks: each is renewed every LockRenewalInterval until decided.</summary>
    private async Task RenewLocksAsync(ServiceBusReceiver receiver, IReadOnlyList<ServiceBusReceivedMessage> messages, CancellationToken decided)
    {
        var interval = _broker.ServiceBus.LockRenewalInterval;
        try
        {
            while (true)
            {
                await Task.Delay(interval, _clock, decided).ConfigureAwait(false);
                foreach (var message in messages)
                {
                    try
                    {
                        await receiver.RenewMessageLockAsync(message, decided).ConfigureAwait(false);
                    }
                    catch (ServiceBusException exception)
                    {
                        LogRenewFailed(exception, _queue, message.MessageId, exception.Reason);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (decided.IsCancellationRequested)
        {
            // The batch is decided: its messages are settled next.
        }
    }

    /// <summary>The failure's kind for readiness: the exception type and Service Bus' reason, never its message (no credential can leak).</summary>
    private static string FailureOf(Exception exception) => exception is ServiceBusException serviceBus
        ? $"{nameof(ServiceBusException)} {serviceBus.Reason}{(serviceBus.IsTransient ? ", transient" : string.Empty)}"
        : exception.GetType().Name;

    private static async Task DelayUnlessStopping(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the caller's loop ends.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: receiving with the Service Bus client, prefetch {Prefetch}, batches of up to {MaxBatch}")]
    private partial void LogListening(string queue, int prefetch, int maxBatch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: receive failed; trying again in {DelayMs:F0} ms")]
    private partial void LogReceiveFailed(Exception exception, string queue, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: renewing the lock of message {MessageId} failed ({FailureReason})")]
    private partial void LogRenewFailed(Exception exception, string queue, string messageId, ServiceBusFailureReason failureReason);


    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: {Count} message(s) abandoned without a hold: {MaxHeld} (Pump:MaxHeldMessages) are held already")]
    private partial void LogHoldsFull(string queue, int count, int maxHeld);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: pump stopped")]
    private partial void LogStopped(string queue);
}
