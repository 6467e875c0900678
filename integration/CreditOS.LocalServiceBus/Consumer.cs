using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace CreditOS.LocalServiceBus;

/// <summary>
/// A client's receive link on an entity: the credit it gave, whether it receives and deletes, and how many deliveries the
/// entity decided for it (locked to it) that are not yet handed to the link (session 32: a drain waits for them).
/// </summary>
internal sealed class Consumer(SendingAmqpLink link)
{
    private readonly object _handOutGate = new();
    private int _notHandedOut;

    public SendingAmqpLink Link { get; } = link;

    /// <summary>Guarded by the entity's lock.</summary>
    public long Credit { get; set; }

    public bool ReceiveAndDelete => Link.Settings.SettleType == SettleMode.SettleOnSend;

    public bool IsOpen => Link.State == AmqpObjectState.Opened;

    /// <summary>Deliveries decided for this link and not yet handed to it, for a timeout report.</summary>
    public int NotHandedOut
    {
        get
        {
            lock (_handOutGate)
            {
                return _notHandedOut;
            }
        }
    }

    /// <summary>A delivery was decided for this link (under the entity's lock); it is handed to the link outside it.</summary>
    public void Decided()
    {
        lock (_handOutGate)
        {
            _notHandedOut++;
        }
    }

    /// <summary>A decided delivery was handed to the link (or the attempt ended): a drain waiting for it may answer.</summary>
    public void HandedOut()
    {
        lock (_handOutGate)
        {
            _notHandedOut--;
            if (_notHandedOut == 0)
            {
                Monitor.PulseAll(_handOutGate);
            }
        }
    }

    /// <summary>Waits until every decided delivery was handed to the link; false when <paramref name="patience"/> ran out first.</summary>
    public bool WaitUntilHandedOut(TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        lock (_handOutGate)
        {
            while (_notHandedOut > 0)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_handOutGate, left))
                {
                    return _notHandedOut == 0;
                }
            }

            return true;
        }
    }
}
