using Azure.Messaging.ServiceBus;
using CreditOS.Integration.Worker.Observability;
using Microsoft.Extensions.Logging;

namespace CreditOS.Integration.Worker.Transport.ServiceBus;

/// <summary>
/// Keeps the peek-locks of messages the pump has taken from the client (a batch being handled, messages held before their
/// abandon) until they are settled, as the official client's processor does (renew-lock, MaxAutoLockRenewalDuration): each
/// lock is renewed when what is left of it falls to half the lock (at most 10 s before it ends), timed on the message's own
/// <c>LockedUntil</c>, not on a fixed interval from the batch's start. Session 19: a fixed interval started after the batch
/// did (the first renewal one interval later, then one message after another) let locks of messages that had waited in the
/// prefetch buffer run out before their first renewal; each lapse counted a delivery, and under a load average of 35–60 the
/// soak's messages reached MaxDeliveryCount without ever being abandoned. A lock that is lost anyway (the renewal answered
/// MessageLockLost) is logged at Warning, counted (<c>creditos.servicebus.locks_lost</c>) and never renewed again; the
/// pump does not hand such a message to its handler, and does not hold it.
/// </summary>
public sealed partial class MessageLockKeeper
{
    /// <summary>The official client renews this long before a lock ends at most (half the lock when that is shorter).</summary>
    public static readonly TimeSpan MaximumRenewalBuffer = TimeSpan.FromSeconds(10);

    /// <summary>A renewal that failed transiently (the broker restarting) is tried again this soon.</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMilliseconds(250);

    private readonly ServiceBusReceiver _receiver;
    private readonly string _queue;
    private readonly TimeSpan _longestInterval;
    private readonly TimeProvider _clock;
    private readonly WorkerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Dictionary<ServiceBusReceivedMessage, KeptLock> _locks;

    public MessageLockKeeper(ServiceBusReceiver receiver, string queue, IEnumerable<ServiceBusReceivedMessage> messages, TimeSpan longestInterval, TimeProvider clock, WorkerMetrics metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(messages);
        _receiver = receiver;
        _queue = queue;
        _longestInterval = longestInterval;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
        var now = clock.GetUtcNow();
        _locks = messages.Distinct().ToDictionary(message => message, message => new KeptLock(message.LockedUntil, now));
    }

    /// <summary>Whether the message's lock is lost: Service Bus counted a delivery and hands the message out again.</summary>
    public bool IsLost(ServiceBusReceivedMessage message)
    {
        lock (_locks)
        {
            return _locks.TryGetValue(message, out var kept) && kept.Lost;
        }
    }

    /// <summary>Stops keeping the locks of messages that are settled (or given back).</summary>
    public void Forget(IEnumerable<ServiceBusReceivedMessage> messages)
    {
        lock (_locks)
        {
            foreach (var message in messages)
            {
                _locks.Remove(message);
            }
        }
    }

    /// <summary>When the lock should be renewed: half of what the lock had when last taken or renewed is left (at most 10 s), or the longest interval passed.</summary>
    public static DateTimeOffset RenewalDue(DateTimeOffset lockedUntil, DateTimeOffset takenAt, TimeSpan longestInterval)
    {
        var span = lockedUntil - takenAt;
        var buffer = span <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(span.Ticks / 2, MaximumRenewalBuffer.Ticks));
        var byLock = lockedUntil - buffer;
        var byInterval = takenAt + longestInterval;
        return byLock < byInterval ? byLock : byInterval;
    }

    /// <summary>
    /// Renews every lock that is due now (a message that waited in the client's buffer may be due at once). A renewal
    /// cancelled or failing transiently is tried again later; only Service Bus' MessageLockLost marks a lock lost.
    /// </summary>
    public async Task RenewDueAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        List<ServiceBusReceivedMessage> due;
        lock (_locks)
        {
            due = [.. _locks.Where(pair => !pair.Value.Lost && pair.Value.NextAttempt(_longestInterval) <= now).Select(pair => pair.Key)];
        }

        // At once, not one after another: under load a renewal takes long enough that the last of a batch's would come late.
        await Task.WhenAll(due.Select(message => RenewAsync(message, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Keeps renewing until cancelled (the messages are decided) or, with a limit, until that much time has passed.</summary>
    public async Task KeepAsync(TimeSpan? limit, CancellationToken decided)
    {
        var stopAt = limit is { } keepFor ? _clock.GetUtcNow() + keepFor : DateTimeOffset.MaxValue;
        try
        {
            while (true)
            {
                decided.ThrowIfCancellationRequested();
                DateTimeOffset next;
                lock (_locks)
                {
                    var live = _locks.Values.Where(kept => !kept.Lost).ToList();
                    if (live.Count == 0)
                    {
                        return;
                    }

                    next = live.Min(kept => kept.NextAttempt(_longestInterval));
                }

                if (next > stopAt)
                {
                    return; // MaxAutoLockRenewalDuration: the locks run out from here, as with the official processor
                }

                var wait = next - _clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _clock, decided).ConfigureAwait(false);
                }

                await RenewDueAsync(decided).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (decided.IsCancellationRequested)
        {
            // Decided: the messages are settled next.
        }
    }

    private async Task RenewAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            // The client sets the message's LockedUntil to what Service Bus answered.
            await _receiver.RenewMessageLockAsync(message, cancellationToken).ConfigureAwait(false);
            lock (_locks)
            {
                if (_locks.ContainsKey(message))
                {
                    _locks[message] = new KeptLock(message.LockedUntil, _clock.GetUtcNow()) { Renewed = true };
                }
            }
        }
        catch (ServiceBusException exception) when (exception.Reason == ServiceBusFailureReason.MessageLockLost)
        {
            DateTimeOffset lockedUntil;
            lock (_locks)
            {
                if (!_locks.TryGetValue(message, out var kept))
                {
                    return; // settled meanwhile
                }

                lockedUntil = kept.LockedUntil;
                _locks[message] = kept with { Lost = true };
            }

            _metrics.LockLost(_queue);
            LogLockLost(_queue, message.MessageId, message.DeliveryCount, lockedUntil, (_clock.GetUtcNow() - lockedUntil).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is ServiceBusException or InvalidOperationException or TimeoutException
            || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The broker restarting, the link closing: try again soon while the lock may still stand.
            lock (_locks)
            {
                if (_locks.TryGetValue(message, out var kept))
                {
                    _locks[message] = kept with { RetryAt = _clock.GetUtcNow() + RetryAfterFailure };
                }
            }

            LogRenewFailed(exception, _queue, message.MessageId, (exception as ServiceBusException)?.Reason ?? ServiceBusFailureReason.GeneralError);
        }
    }

    /// <summary>The least time between two renewals of one lock after a renewal that succeeded (at most half the longest interval).</summary>
    public static readonly TimeSpan MinimumRenewalSpacing = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The next renewal after one that succeeded: as <see cref="RenewalDue"/>, but never sooner than
    /// <see cref="MinimumRenewalSpacing"/> (or half the longest interval, if less) after it. Session 30 (clock skew): the renewal
    /// is timed on <c>LockedUntil</c>, the broker's clock, against this host's. A host whose clock runs ahead of the broker's by
    /// the lock duration or more sees every lock it was just granted as over already, so each renewal was due at once again: a
    /// loop of renew-lock requests without a pause (measured: 8,990 for 5 messages in 8 s against the local Service Bus with
    /// its clock 2 min behind). Right after a renewal the lock has its whole duration left; with any lock of 2 s or more the
    /// schedule by the lock is at least 1 s away anyway, so the spacing changes nothing on synchronized clocks. The spacing is
    /// not half the configured interval itself: that interval is not checked against the queue's lock duration (the worker
    /// cannot read it without Manage rights), and a lock shorter than it must still be renewed by its own schedule.
    /// </summary>
    public static DateTimeOffset NextAfterRenewal(DateTimeOffset lockedUntil, DateTimeOffset renewedAt, TimeSpan longestInterval)
    {
        var due = RenewalDue(lockedUntil, renewedAt, longestInterval);
        var spacing = longestInterval / 2 < MinimumRenewalSpacing ? longestInterval / 2 : MinimumRenewalSpacing;
        var earliest = renewedAt + spacing;
        return due > earliest ? due : earliest;
    }

    private sealed record KeptLock(DateTimeOffset LockedUntil, DateTimeOffset TakenAt)
    {
        public bool Lost { get; init; }

        public DateTimeOffset? RetryAt { get; init; }

        /// <summary>Whether <see cref="TakenAt"/> is a renewal that succeeded (the broker just granted the whole lock), not the receive.</summary>
        public bool Renewed { get; init; }

        public DateTimeOffset NextAttempt(TimeSpan longestInterval) =>
            RetryAt ?? (Renewed ? NextAfterRenewal(LockedUntil, TakenAt, longestInterval) : RenewalDue(LockedUntil, TakenAt, longestInterval));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: the lock of message {MessageId} (delivery {DeliveryCount}) is lost, locked until {LockedUntil:O} ({LateMs:F0} ms ago): Service Bus counts a delivery and hands it out again; it is not handled or held here")]
    private partial void LogLockLost(string queue, string messageId, int deliveryCount, DateTimeOffset lockedUntil, double lateMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: renewing the lock of message {MessageId} failed ({FailureReason}); trying again")]
    private partial void LogRenewFailed(Exception exception, string queue, string messageId, ServiceBusFailureReason failureReason);
}
