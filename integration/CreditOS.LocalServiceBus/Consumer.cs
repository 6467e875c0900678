using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace CreditOS.LocalServiceBus;

/// <summary>A client's receive link on an entity: the credit it gave, and whether it receives and deletes.</summary>
internal sealed class Consumer(SendingAmqpLink link)
{
    public SendingAmqpLink Link { get; } = link;

    /// <summary>Guarded by the entity's lock.</summary>
    public long Credit { get; set; }

    public bool ReceiveAndDelete => Link.Settings.SettleType == SettleMode.SettleOnSend;

    public bool IsOpen => Link.State == AmqpObjectState.Opened;
}
