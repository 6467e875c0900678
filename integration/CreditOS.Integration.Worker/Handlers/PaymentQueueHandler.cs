using CreditOS.Integration.Worker.Messages.Adapters.Payments;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>
/// The payments queue carries payments and, since session 14, their reversals (one queue, so a reversal sent after its
/// payment is normally handed over after it). Each message goes to the handler of its kind by its subject; the decisions
/// come back in the batch's order.
/// </summary>
public sealed class PaymentQueueHandler(PaymentBatchHandler payments, PaymentReversalBatchHandler reversals) : IMessageBatchHandler
{
    public async Task<IReadOnlyList<SettleDecision>> HandleAsync(IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var isReversal = messages.Select(message => string.Equals(message.Subject, SapPaymentReversalAdapter.FormatName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (!isReversal.Contains(true))
        {
            return await payments.HandleAsync(messages, cancellationToken).ConfigureAwait(false);
        }

        var paymentIndexes = Enumerable.Range(0, messages.Count).Where(index => !isReversal[index]).ToList();
        var reversalIndexes = Enumerable.Range(0, messages.Count).Where(index => isReversal[index]).ToList();
        var decisions = new SettleDecision[messages.Count];

        // Payments first: a reversal in the same batch as its payment then finds it posted.
        if (paymentIndexes.Count > 0)
        {
            var paid = await payments.HandleAsync(paymentIndexes.Select(index => messages[index]).ToList(), cancellationToken).ConfigureAwait(false);
            for (var position = 0; position < paymentIndexes.Count; position++)
            {
                decisions[paymentIndexes[position]] = paid[position];
            }
        }

        var reversed = await reversals.HandleAsync(reversalIndexes.Select(index => messages[index]).ToList(), cancellationToken).ConfigureAwait(false);
        for (var position = 0; position < reversalIndexes.Count; position++)
        {
            decisions[reversalIndexes[position]] = reversed[position];
        }

        return decisions;
    }
}
