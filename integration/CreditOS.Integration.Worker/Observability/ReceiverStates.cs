using System.Collections.Concurrent;

namespace CreditOS.Integration.Worker.Observability;

/// <summary>
/// What each queue's receiver last did, for readiness: a receiver is ready once a receive call has returned (with
/// messages or after an idle wait) and stays ready until a receive fails; it is not ready while it has not started,
/// after a failed receive (until the next one succeeds) and once it stopped.
/// </summary>
public sealed class ReceiverStates
{
    private readonly ConcurrentDictionary<string, ReceiverState> _states = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public ReceiverStates(TimeProvider clock) => _clock = clock;

    /// <summary>The queues a pump was started for, with their current state.</summary>
    public IReadOnlyDictionary<string, ReceiverState> Current => _states;

    public void Starting(string queue) => _states[queue] = new ReceiverState(ReceiverStatus.Starting, _clock.GetUtcNow(), null);

    /// <summary>A receive call returned: the receiver's link is up and authorized.</summary>
    public void Received(string queue)
    {
        if (!_states.TryGetValue(queue, out var state) || state.Status != ReceiverStatus.Receiving)
        {
            _states[queue] = new ReceiverState(ReceiverStatus.Receiving, _clock.GetUtcNow(), null);
        }
    }

    /// <summary>A receive call failed (after the client's own retries); <paramref name="reason"/> names the failure, never a credential.</summary>
    public void Failed(string queue, string reason)
    {
        if (!_states.TryGetValue(queue, out var state) || state.Status != ReceiverStatus.Failing || state.Reason != reason)
        {
            _states[queue] = new ReceiverState(ReceiverStatus.Failing, _clock.GetUtcNow(), reason);
        }
    }

    public void Stopped(string queue) => _states[queue] = new ReceiverState(ReceiverStatus.Stopped, _clock.GetUtcNow(), null);
}

public enum ReceiverStatus
{
    Starting,
    Receiving,
    Failing,
    Stopped,
}

/// <param name="Since">When the receiver entered this status.</param>
/// <param name="Reason">Why receiving fails (exception type and Service Bus failure reason), when it does.</param>
public sealed record ReceiverState(ReceiverStatus Status, DateTimeOffset Since, string? Reason);
