using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>Processes a batch of one queue's messages and decides, per message, how it is settled.</summary>
public interface IMessageBatchHandler
{
    /// <summary>Returns one decision per message, in the same order.</summary>
    Task<IReadOnlyList<SettleDecision>> HandleAsync(IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken);
}
