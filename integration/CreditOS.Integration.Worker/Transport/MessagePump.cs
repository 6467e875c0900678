using Amqp;
using CreditOS.Integration.Worker.Configuration;
using CreditOS.Integration.Worker.Handlers;
using CreditOS.Integration.Worker.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditOS.Integration.Worker.Transport;

/// <summary>
/// Receives one queue in peek-lock mode, hands batches to the queue's handler (resolved in its own scope)
/// and settles every message explicitly. On shutdown or link loss, messages not yet settled are released.
/// </summary>
public sealed partial class MessagePump
{
    private readonly QueueKind _kind;
    private readonly string _queue;
    private readonly BrokerConnection _connection;
    private readonly IServiceScopeFactory _scopes;
    private readonly MessageSettler _settler;
    private readonly BrokerOptions _broker;
    private readonly PumpOptions _pump;
    private readonly WorkerMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger<MessagePump> _logger;
    private readonly ReconnectBackoff _backoff;
    private readonly BatchDecider _decider;

    public MessagePump(
        QueueKind kind,
        BrokerConnection connection,
        IServiceScopeFactory scopes,
        MessageSettler settler,
        IOptions<BrokerOptions> broker,
        IOptions<PumpOptions> pump,
        WorkerMetrics metrics,
        TimeProvider clock,
        ILogger<MessagePump> logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(pump);
        _kind = kind;
        _broker = broker.Value;
        _pump = pump.Value;
        _queue = _broker.Queues.NameOf(kind);
        _connection = connection;
        _scopes = scopes;
        _settler = settler;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _backoff = new ReconnectBackoff(_broker.ReconnectInitialDelay, _broker.ReconnectMaxDelay);
        _decider = new BatchDecider(_kind, _queue, null, _scopes, logger);
    }

    public string Queue => _queue;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Connection? connection = null;
            try
            {
                connection = await _connection.GetOpenConnectionAsync(stoppingToken).ConfigureAwait(false);
                await ConsumeAsync(connection, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (BrokerFailure.IsTransient(exception))
            {
                if (connection is not null && (connection.IsClosed || connection.Error is not null))
                {
                    _connection.ReportBroken(connection);
                }

                var delay = _backoff.NextDelay();
                LogLinkFailed(exception, _queue, delay.TotalMilliseconds);
                await DelayUnlessStopping(delay, stoppingToken).ConfigureAwait(false);
            }
        }

        LogStopped(_queue);
    }

    private async Task ConsumeAsync(Connection connection, CancellationToken stoppingToken)
    {
        var session = new Session(connection);
        var linkName = $"creditos-{_queue}-{Guid.NewGuid():N}";
        ReceiverLink? receiver = null;
        SenderLink? deadLetterSender = null;
        var inFlight = new List<Task>();
        using var slots = new SemaphoreSlim(_pump.MaxConcurrentBatches, _pump.MaxConcurrentBatches);
        try
        {
            await VerifyDeadLetterQueueAsync(session).ConfigureAwait(false);
            receiver = new ReceiverLink(session, linkName, _broker.Profile.QueueAddress(_queue));
            if (_settler.Mode == DeadLetterMode.RepublishWithReason)
            {
                deadLetterSender = new SenderLink(session, linkName + "-dlq", _broker.Profile.DeadLetterAddress(_queue));
            }

            receiver.SetCredit(_broker.Prefetch, autoRestore: true);
            LogListening(_queue, _broker.Prefetch);
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var batch = await ReceiveBatchAsync(connection, receiver, stoppingToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    slots.Release();
                    ThrowIfLinkClosed(receiver, session);
                    continue;
                }

                InFlightBatches.ForgetFinished(inFlight, exception => LogBatchFailed(exception, _queue));
                inFlight.Add(ProcessAndReleaseSlotAsync(receiver, deadLetterSender, batch, slots, stoppingToken));
                _backoff.Reset();
            }
        }
        finally
        {
            await Task.WhenAll(inFlight).ConfigureAwait(false);
            if (receiver is not null)
            {
                await ReleaseBufferedAsync(receiver).ConfigureAwait(false);
            }

            await CloseQuietlyAsync(deadLetterSender).ConfigureAwait(false);
            await CloseQuietlyAsync(receiver).ConfigureAwait(false);
            await CloseQuietlyAsync(session).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A generic broker silently drops what it cannot route, so the dead-letter queue must exist before
    /// anything is dead-lettered: attaching a receiver without credit fails if it does not.
    /// </summary>
    private async Task VerifyDeadLetterQueueAsync(Session session)
    {
        var probe = new ReceiverLink(session, $"creditos-probe-{Guid.NewGuid():N}", _broker.Profile.DeadLetterAddress(_queue));
        await probe.CloseAsync().ConfigureAwait(false);
    }

    private async Task<List<InboundMessage>> ReceiveBatchAsync(Connection connection, ReceiverLink receiver, CancellationToken stoppingToken)
    {
        var batch = new List<InboundMessage>();
        var first = await ReceiveWithinAsync(connection, receiver, _pump.IdleReceiveWait).ConfigureAwait(false);
        if (first is null)
        {
            return batch;
        }

        Add(first);
        var windowEnds = _clock.GetTimestamp() + (long)(_pump.BatchWindow.TotalSeconds * _clock.TimestampFrequency);
        while (batch.Count < _pump.MaxBatchSize && !stoppingToken.IsCancellationRequested)
        {
            var remaining = _clock.GetElapsedTime(_clock.GetTimestamp(), windowEnds);
            var next = await ReceiveWithinAsync(connection, receiver, remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1)).ConfigureAwait(false);
            if (next is null)
            {
                break;
            }

            Add(next);
        }

        return batch;

        void Add(Message message)
        {
            var inbound = new InboundMessage(message, _clock.GetUtcNow()) { Sequence = MessageSequence.Of(message, _broker.Host, _queue) };
            _metrics.Received(_queue);
            batch.Add(inbound);
        }
    }

    /// <summary>
    /// A receive that outlives its own wait by <see cref="PumpOptions.LinkSilenceAllowance"/> means the connection has
    /// gone silent: AMQPNetLite's timeout did not fire and no delivery came, as seen after a pump restarted its link on
    /// a shared connection. The connection is dropped (the broker returns its unsettled messages) and the pump
    /// reconnects, instead of waiting forever.
    /// </summary>
    private async Task<Message?> ReceiveWithinAsync(Connection connection, ReceiverLink receiver, TimeSpan wait)
    {
        try
        {
            // Not cancelled on stop: an abandoned receive could take a delivery that nobody would then settle.
            return await receiver.ReceiveAsync(wait).WaitAsync(wait + _pump.LinkSilenceAllowance, _clock).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogLinkSilent(_queue, wait.TotalMilliseconds + _pump.LinkSilenceAllowance.TotalMilliseconds);
            _connection.ReportBroken(connection);
            throw;
        }
    }

    private async Task ProcessAndReleaseSlotAsync(ReceiverLink receiver, SenderLink? deadLetterSender, List<InboundMessage> batch, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            var decisions = await _decider.DecideAsync(batch, stoppingToken).ConfigureAwait(false);
            for (var index = 0; index < batch.Count; index++)
            {
                await _settler.SettleAsync(receiver, deadLetterSender, batch[index], decisions[index], _queue).ConfigureAwait(false);
            }

            if (decisions.Any(decision => decision.Kind == SettleKind.Abandon) && !stoppingToken.IsCancellationRequested)
            {
                await DelayUnlessStopping(_pump.TransientFailurePause, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Messages the broker pushed ahead (prefetch) but that were never processed go back to the queue.</summary>
    private async Task ReleaseBufferedAsync(ReceiverLink receiver)
    {
        if (receiver.IsClosed)
        {
            return;
        }

        try
        {
            receiver.SetCredit(0, autoRestore: false);
            Message? buffered;
            while ((buffered = await receiver.ReceiveAsync(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false)) is not null)
            {
                receiver.Release(buffered);
                LogReleasedOnStop(_queue, buffered.Properties?.MessageId ?? string.Empty);
            }
        }
        catch (Exception exception) when (BrokerFailure.IsTransient(exception))
        {
            LogReleaseFailed(exception, _queue);
        }
    }

    private static void ThrowIfLinkClosed(ReceiverLink receiver, Session session)
    {
        if (receiver.IsClosed || session.IsClosed)
        {
            throw new AmqpException(receiver.Error ?? session.Error ?? new Amqp.Framing.Error(ErrorCode.DetachForced) { Description = "receiver link closed" });
        }
    }

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

    private async Task CloseQuietlyAsync(AmqpObject? amqpObject)
    {
        if (amqpObject is null || amqpObject.IsClosed)
        {
            return;
        }

        try
        {
            await amqpObject.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (BrokerFailure.IsTransient(exception))
        {
            LogReleaseFailed(exception, _queue);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: listening with credit {Credit}")]
    private partial void LogListening(string queue, int credit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: no delivery and no timeout from the broker link for {SilentMs:F0} ms; dropping the connection")]
    private partial void LogLinkSilent(string queue, double silentMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: link failed; reconnecting in {DelayMs:F0} ms")]
    private partial void LogLinkFailed(Exception exception, string queue, double delayMs);


    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: released unprocessed message {MessageId} on stop")]
    private partial void LogReleasedOnStop(string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Queue}: releasing or closing after stop failed; the broker returns unsettled messages when the session ends")]
    private partial void LogReleaseFailed(Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: pump stopped")]
    private partial void LogStopped(string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Queue}: a batch failed unexpectedly; what it had not settled goes back to the queue when the link closes")]
    private partial void LogBatchFailed(Exception exception, string queue);
}
