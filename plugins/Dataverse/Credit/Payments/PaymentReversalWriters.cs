using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// Who writes a payment's reversal (session 14). A payment's reversal is the ERP's fact, brought by the integration worker
/// (the creditOS Integration role) or by SYSTEM; no person, whatever their roles (a System Administrator included),
/// reverses a payment by hand: a faked reversal reopens invoices and moves exposure with no money gone back. A payment is
/// never created reversed (its reversal would undo nothing). The figures the posting, the reversal and the ERP rule keep
/// on an invoice are guarded by <see cref="ReceivableLedgerWriters"/>. A value sent again unchanged is no change and costs
/// nothing.
/// </summary>
public static class PaymentReversalWriters
{
    public const string PaymentImageColumns = PaymentReversal.Columns + "," + Payment.Fields.ErpId;

    private static readonly string[] ReversalColumns = [Payment.Fields.ReversalId, Payment.Fields.ReversalReason, Payment.Fields.ReversedOn, Payment.Fields.ReversalAmount];

    /// <param name="before">The payment's pre-image on Update; null on Create.</param>
    /// <param name="isIntegration">Whether the caller is the worker (one call); asked only when a reversal column changes.</param>
    /// <param name="isCreditFlow">Whether the caller is SYSTEM (one call); asked only when the caller is not the worker.</param>
    public static void CheckPaymentReversal(Entity target, Entity? before, Func<bool> isIntegration, Func<bool> isCreditFlow)
    {
        var changed = CreditColumnGuard.ChangedAmong(target, before, ReversalColumns);
        if (changed.Count == 0)
        {
            return;
        }

        var erpId = target.GetAttributeValue<string>(Payment.Fields.ErpId) ?? before?.GetAttributeValue<string>(Payment.Fields.ErpId);
        var payment = string.IsNullOrEmpty(erpId) ? "The payment" : "Payment " + erpId;
        if (before is null)
        {
            throw new InvalidPluginExecutionException(
                payment + " cannot be created reversed (" + string.Join(", ", changed) + "): a payment is posted first, and the ERP's reversal of it is applied to the posted payment.");
        }

        if (isIntegration() || isCreditFlow())
        {
            return;
        }

        throw new InvalidPluginExecutionException(
            payment + " cannot be saved: " + string.Join(", ", changed) + (changed.Count == 1 ? " records" : " record")
            + " the ERP's reversal of the payment and " + (changed.Count == 1 ? "is" : "are") + " written by the integration worker only, whatever your roles. "
            + "A bounced or reversed payment is reversed in the ERP, which sends the reversal to creditOS.");
    }
}
