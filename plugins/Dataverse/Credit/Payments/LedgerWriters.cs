using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// Who writes the ledger's reversal and applied figures (session 14). A payment's reversal is the ERP's fact, brought by
/// the integration worker (the creditOS Integration role) or by SYSTEM; no person, whatever their roles (a System
/// Administrator included), reverses a payment by hand: a faked reversal reopens invoices and moves exposure with no money
/// gone back. A payment is never created reversed (its reversal would undo nothing). The figures the posting, the
/// reversal and the ERP rule keep on an invoice (each payment's share, what the ERP counted as paid ahead, the last
/// payment, the discount taken) are the credit flow's (SYSTEM) alone, the integration worker included: the worker states
/// the ERP's amount and open amount, which the receivable amendment turns into these figures by the rule. A value sent
/// again unchanged is no change and costs nothing.
/// </summary>
public static class LedgerWriters
{
    public const string PaymentImageColumns = PaymentReversal.Columns + "," + Payment.Fields.ErpId;

    /// <summary>Comma-separated, for the receivable step's filtering attributes.</summary>
    public const string ReceivableColumns =
        Receivable.Fields.PaymentShares + "," + Receivable.Fields.ErpPaidAhead + "," + Receivable.Fields.ErpPaid + "," + Receivable.Fields.LastPaymentId + "," + Receivable.Fields.DiscountTaken;

    public const string ReceivableImageColumns = ReceivableColumns + "," + Receivable.Fields.ErpId;

    private static readonly string[] ReversalColumns = [Payment.Fields.ReversalId, Payment.Fields.ReversalReason, Payment.Fields.ReversedOn, Payment.Fields.ReversalAmount];

    private static readonly string[] ReceivableLedgerColumns = [Receivable.Fields.PaymentShares, Receivable.Fields.ErpPaidAhead, Receivable.Fields.ErpPaid, Receivable.Fields.LastPaymentId, Receivable.Fields.DiscountTaken];

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

    /// <param name="before">The invoice's pre-image on Update; null on Create.</param>
    /// <param name="isCreditFlow">Whether the caller is SYSTEM (one call); asked only when a ledger column changes.</param>
    public static void CheckReceivable(Entity target, Entity? before, Func<bool> isCreditFlow)
    {
        var changed = CreditColumnGuard.ChangedAmong(target, before, ReceivableLedgerColumns);
        if (changed.Count == 0 || isCreditFlow())
        {
            return;
        }

        var erpId = target.GetAttributeValue<string>(Receivable.Fields.ErpId) ?? before?.GetAttributeValue<string>(Receivable.Fields.ErpId);
        throw new InvalidPluginExecutionException(
            (string.IsNullOrEmpty(erpId) ? "The invoice" : "Invoice " + erpId) + " cannot be saved: " + string.Join(", ", changed) + (changed.Count == 1 ? " is" : " are")
            + " kept by the payment posting, its reversal and the ERP's statements only, whatever your roles. "
            + "A payment is applied by posting it in the ERP; a bounced one is reversed in the ERP; the invoice's amount and open amount come from the ERP.");
    }
}
