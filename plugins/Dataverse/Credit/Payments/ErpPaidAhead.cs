using CreditOS.CreditEngine.Ledger;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// A new invoice's <c>cos_erppaidahead</c>: what its first ERP message counts as paid (amount less the ERP's open amount),
/// the payments the ERP applied before it exported the invoice. Those payments are posted here too and then match this
/// figure before they reduce the open amount (<see cref="PaidInTheErp"/>, applied by <see cref="PaymentApplication"/>).
/// Set on the Create's target before the write, whatever the writer stated (only this rule writes it on create); no call.
/// </summary>
public static class ErpPaidAhead
{
    public static void OnCreate(Entity target, ITracingService tracing)
    {
        var amount = target.MoneyOrZero(Receivable.Fields.Amount);
        var open = target.MoneyOrNull(Receivable.Fields.OpenAmount) ?? amount;
        var ahead = PaidInTheErp.OnCreate(amount, open);
        // What the ERP's message counts as paid, kept as its latest statement (a reversal takes pending cash in only up to it).
        target[Receivable.Fields.ErpPaid] = new Money(ahead);
        target.Attributes.Remove(Receivable.Fields.PaymentShares);
        if (ahead == 0m)
        {
            target.Attributes.Remove(Receivable.Fields.ErpPaidAhead);
            return;
        }

        target[Receivable.Fields.ErpPaidAhead] = new Money(ahead);
        tracing.Trace("New invoice: amount {0:0.00}, the ERP states open {1:0.00}; {2:0.00} paid in the ERP is matched by the payments posted for it.", amount, open, ahead);
    }
}
