using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Transport.ServiceBus;

/// <summary>
/// Receives one queue in peek-lock mode with the official client (no prefetch: batches of up to Pump:MaxBatchSize asked
/// for only when a batch slot is free), hands each batch to the queue's handler in its own scope, keeps every lock it
/// holds renewed (<see cref="MessageLockKeeper"/>) and settles every message only after the handler decided (a completion
/// after the Dataverse write committed). Up to Pump:MaxConcurrentBatches batches run at once. On stop, in-flight batches
/// finish.
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

    /// <summary>How long the renewals of locks due when a batch is handed out may take before the batch goes on.</summary>
    private static readonly TimeSpan HandOutRenewalLimit = TimeSpan.FromSeconds(5);

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
            // No prefetch (session 19): the client gives Service Bus credit only while a receive call waits, and the pump
            // calls only when a batch slot is free, so a message is locked when the pump is about to handle it. Service Bus
            // locks a prefetched message when it transfers it to the client (Microsoft Learn, "Prefetch Azure Service Bus
            // messages"), so with Broker:Prefetch + Pump:MaxHeldMessages of credit (session 17) whole queues sat in the
            // buffer with their locks running out while every slot was busy; each lapse counted a delivery, and under a
            // load average of 35-60 messages reached MaxDeliveryCount without ever being abandoned. Measured on the local
            // Service Bus: with prefetch 0 the link holds no credit between receive calls, and unsettled (held) messages take
            // none from the next call, so held messages cannot stop the ones behind them either (the session-17 defect).
            PrefetchCount = 0,
        });
        var inFlight = new List<Task>();
        using var slots = new SemaphoreSlim(_pump.MaxConcurrentBatches, _pump.MaxConcurrentBatches);
        LogListening(_queue, _pump.MaxBatchSize, _pump.MaxConcurrentBatches);
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
                catch (Exception exception) when (exception is ServiceBusException { IsTransient: true } or UnauthorizedAccessException or OperationCanceledException)
                {
                    // OperationCanceledException: the receive is called with no token, so a cancellation is the client's own. A
                    // broker restart that cuts off the CBS token exchange of the receive link the client re-opens throws the AMQP
                    // library's TaskCanceledException (session 27, lock-lost seed 27001; session 26 saw it on settlements): the
                    // next receive opens the link again. Before, it ended the pump, and the queue was no longer received.
                    slots.Release();
                    _receivers.Failed(_queue, FailureOf(exception));
                    var delay = _backoff.NextDelay();
                    LogReceiveFailed(exception, _queue, delay.TotalMilliseconds);
                    await DelayUnlessStopping(delay, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                _receivers.Received(_queue);
                if (received.Count > 0)
                {
                    LogReceivedBatch(_queue, received.Count, received[0].MessageId, received[^1].MessageId, stoppingToken.IsCancellationRequested);
                }

                if (received.Count == 0)
                {
                    slots.Release();
                    continue;
                }

                _backoff.Reset();
                InFlightBatches.ForgetFinished(inFlight, exception => LogBatchFailed(exception, _queue));
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
            LogStopping(_queue, inFlight.Count(task => !task.IsCompleted));
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
            // Every lock is kept from the moment the pump takes the message until it is settled (MessageLockKeeper). A message
            // whose lock ran out in the client's prefetch buffer is not handled: Service Bus counted a delivery and hands it
            // out again, so handling it here would race that delivery for nothing. It is given back at once (the answer is
            // "lock lost", which frees the client's credit).
            var locks = new MessageLockKeeper(receiver, _queue, received, _broker.ServiceBus.LockRenewalInterval, _clock, _metrics, _logger);
            using (var handOut = new CancellationTokenSource(HandOutRenewalLimit, _clock))
            {
                // Bounded: with the broker down the client would retry for minutes; the batch goes on and KeepAsync retries.
                await locks.RenewDueAsync(handOut.Token).ConfigureAwait(false);
            }

            var now = _clock.GetUtcNow();
            var taken = received.Select(message => new InboundMessage(message, now) { Sequence = MessageSequence.Of(message, _client.FullyQualifiedNamespace, _queue) }).ToList();
            foreach (var _ in taken)
            {
                _metrics.Received(_queue);
            }

            var lapsed = taken.Where(message => locks.IsLost(message.ServiceBus!)).ToList();
            if (lapsed.Count > 0)
            {
                locks.Forget(lapsed.Select(message => message.ServiceBus!));
                LogLapsedBeforeHandling(_queue, lapsed.Count, received.Count);
                await Task.WhenAll(lapsed.Select(message => _settler.SettleAsync(receiver, message, SettleDecision.Abandon("its lock ran out before the worker handled it"), _queue))).ConfigureAwait(false);
            }

            var batch = taken.Except(lapsed).ToList();
            if (batch.Count == 0)
            {
                return;
            }

            var decisions = await DecideKeepingLocksAsync(locks, batch, stoppingToken).ConfigureAwait(false);

            // Completions and dead letters at once; what is abandoned is held first (below).
            var abandoned = Enumerable.Range(0, batch.Count).Where(index => decisions[index].Kind == SettleKind.Abandon).ToList();
            var settledNow = Enumerable.Range(0, batch.Count).Except(abandoned).ToList();
            await Task.WhenAll(settledNow.Select(index => _settler.SettleAsync(receiver, batch[index], decisions[index], _queue))).ConfigureAwait(false);
            locks.Forget(settledNow.Select(index => batch[index].ServiceBus!));
            if (abandoned.Count > 0)
            {
                // The hold does not keep the slot: held messages are locked, so the pump goes on with the messages behind
                // them (holding the slot starved the queue: waiting messages, delivered first by their lower sequence
                // numbers, filled every slot, and the payments they waited for sat behind them for 45 s in the soak).
                ReleaseSlot();
                var held = abandoned.Select(index => batch[index].ServiceBus!).ToList();
                var hold = _pump.TransientFailurePause * Math.Clamp(held.Max(message => message.DeliveryCount), 1, 5);
                var holding = await HoldBeforeAbandonAsync(locks, held, hold, stoppingToken).ConfigureAwait(false);
                var waiting = abandoned.Where(index => decisions[index].WaitsForAnotherMessage).Select(index => (Message: batch[index], Decision: decisions[index])).ToList();
                var givenBack = abandoned.Where(index => !decisions[index].WaitsForAnotherMessage).Select(index => (Message: batch[index], Decision: decisions[index])).ToList();
                await Task.WhenAll(givenBack.Select(item => _settler.SettleAsync(receiver, item.Message, item.Decision, _queue))).ConfigureAwait(false);
                locks.Forget(givenBack.Select(item => item.Message.ServiceBus!));
                for (var recheck = 1; holding && waiting.Count > 0 && recheck <= _pump.RechecksPerDelivery; recheck++)
                {
                    waiting = await HandleAgainAsync(receiver, locks, waiting, slots, stoppingToken).ConfigureAwait(false);
                    holding = waiting.Count > 0 && recheck < _pump.RechecksPerDelivery
                        && await HoldBeforeAbandonAsync(locks, [.. waiting.Select(item => item.Message.ServiceBus!)], _pump.TransientFailurePause, stoppingToken).ConfigureAwait(false);
                }

                await Task.WhenAll(waiting.Select(item => _settler.SettleAsync(receiver, item.Message, item.Decision, _queue))).ConfigureAwait(false);
            }
        }
        finally
        {
            ReleaseSlot();
        }
    }

    /// <summary>
    /// Holds messages about to be abandoned (their locks kept) for Pump:TransientFailurePause × their delivery count (at
    /// most 5 ×) before giving them back. A pause of the batch's slot after the abandon did not slow redeliveries: Service
    /// Bus hands an abandoned message straight back (the lowest sequence number first, into the prefetch) and the pump's
    /// other slots received it at once, so a reversal waiting for its payment, or a payment for its invoice, burned the
    /// entity's MaxDeliveryCount within a few seconds and was dead-lettered though the message it waited for was on its way
    /// (the session-17 soak, seeds 2, 3 and 6: valid reversals dead-lettered MaxDeliveryCountExceeded after 40 deliveries).
    /// Held, a message is delivered again no sooner than the hold: with MaxDeliveryCount 10 it waits 40 pauses in all.
    /// Its lock is renewed for the whole hold, whatever MaxAutoLockRenewalDuration says (session 19: a hold that let the
    /// lock run out counted a delivery of its own, and Service Bus handed the message out again while it was still held).
    /// A stop cuts the hold short (the messages are abandoned at once).
    /// </summary>
    /// <returns>Whether the messages were held (false: stopping, no pause configured, or the holds are full).</returns>
    private async Task<bool> HoldBeforeAbandonAsync(MessageLockKeeper locks, IReadOnlyList<ServiceBusReceivedMessage> messages, TimeSpan hold, CancellationToken stoppingToken)
    {
        if (stoppingToken.IsCancellationRequested || hold <= TimeSpan.Zero)
        {
            return false;
        }

        // At most MaxHeldMessages are held at once (each keeps a lock renewed); beyond it a message is abandoned at once.
        if (Interlocked.Add(ref _held, messages.Count) > _pump.MaxHeldMessages)
        {
            Interlocked.Add(ref _held, -messages.Count);
            LogHoldsFull(_queue, messages.Count, _pump.MaxHeldMessages);
            return false;
        }

        try
        {
            using var renewal = new CancellationTokenSource();
            var renewing = locks.KeepAsync(limit: null, renewal.Token);
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

        return !stoppingToken.IsCancellationRequested;
    }

    /// <summary>The handler's decisions for <paramref name="messages"/>, their locks renewed while it decides (up to MaxAutoLockRenewalDuration).</summary>
    private async Task<IReadOnlyList<SettleDecision>> DecideKeepingLocksAsync(MessageLockKeeper locks, List<InboundMessage> messages, CancellationToken stoppingToken)
    {
        using var renewal = new CancellationTokenSource();
        var renewing = locks.KeepAsync(_broker.ServiceBus.MaxAutoLockRenewalDuration, renewal.Token);
        try
        {
            return await _decider.DecideAsync(messages, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Hands messages that wait for another one (a payment for its invoice) to the handler again within their delivery, in a
    /// batch slot like any batch and with their locks kept; settles what is decided now and returns what still waits (session
    /// 23: a wait costs time, not one of the entity's MaxDeliveryCount deliveries per hold). A message whose lock was lost
    /// during the hold is not handled again: Service Bus counted the delivery and hands it out anew.
    /// </summary>
    private async Task<List<(InboundMessage Message, SettleDecision Decision)>> HandleAgainAsync(
        ServiceBusReceiver receiver, MessageLockKeeper locks, List<(InboundMessage Message, SettleDecision Decision)> waiting, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var again = waiting.Where(item => !locks.IsLost(item.Message.ServiceBus!)).Select(item => item.Message).ToList();
        if (again.Count == 0)
        {
            return waiting;
        }

        try
        {
            await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return waiting;
        }

        try
        {
            var decisions = await DecideKeepingLocksAsync(locks, again, stoppingToken).ConfigureAwait(false);

            var decided = Enumerable.Range(0, again.Count).Where(index => decisions[index].Kind != SettleKind.Abandon).ToList();
            await Task.WhenAll(decided.Select(index => _settler.SettleAsync(receiver, again[index], decisions[index], _queue))).ConfigureAwait(false);
            locks.Forget(decided.Select(index => again[index].ServiceBus!));
            var stillWaiting = Enumerable.Range(0, again.Count).Where(index => decisions[index].Kind == SettleKind.Abandon).Select(index => (again[index], decisions[index]));
            return [.. waiting.Where(item => locks.IsLost(item.Message.ServiceBus!)), .. stillWaiting];
        }
        finally
        {
            slots.Release();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: receiving with the Service Bus client, no prefetch, batches of up to {MaxBatch} asked for when one of {Slots} slots is free")]
    private partial void LogListening(string queue, int maxBatch, int slots);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: receive failed; trying again in {DelayMs:F0} ms")]
    private partial void LogReceiveFailed(Exception exception, string queue, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: {Lapsed} of {Received} message(s) handed out by the client had lost their lock already (they waited in its buffer): given back unhandled, Service Bus counted a delivery")]
    private partial void LogLapsedBeforeHandling(string queue, int lapsed, int received);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: {Count} message(s) abandoned without a hold: {MaxHeld} (Pump:MaxHeldMessages) are held already")]
    private partial void LogHoldsFull(string queue, int count, int maxHeld);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Queue}: received {Count} message(s), {First} … {Last}{StoppingNote}")]
    private partial void LogReceivedBatchCore(string queue, int count, string first, string last, string stoppingNote);

    private void LogReceivedBatch(string queue, int count, string first, string last, bool stopping) =>
        LogReceivedBatchCore(queue, count, first, last, stopping ? " (after the stop was signalled)" : string.Empty);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: stopping: waiting for {InFlight} batch(es) in flight, then closing the receiver")]
    private partial void LogStopping(string queue, int inFlight);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: pump stopped")]
    private partial void LogStopped(string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Queue}: a batch failed unexpectedly; what it had not settled is delivered again when its locks run out")]
    private partial void LogBatchFailed(Exception exception, string queue);
}
