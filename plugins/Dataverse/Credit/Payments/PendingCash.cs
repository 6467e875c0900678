using CreditOS.CreditEngine.Ledger;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// An ERP restatement settles what creditOS could only infer about cash its payments named an invoice for but found no room
/// for (session 14, <see cref="PaymentShares"/>): when the ERP says more is paid than creditOS applied, that pending cash
/// goes to the invoice first (the ERP counted it; taking the difference as paid ahead too would count it twice, once on the
/// invoice and once as unapplied cash); when the ERP says less is paid, cash applied by inference goes back to pending.
/// The account's unapplied cash follows. Calls: <see cref="Calls"/> (read and write the account's unapplied cash), only
/// when cash moves; none otherwise. Runs under the account lock the amendment claimed.
/// </summary>
public static class PendingCash
{
    public const int Calls = 2;

    /// <param name="applied">What creditOS applied to the invoice; moved by what the ERP's figure took in or gave back.</param>
    public static void Follow(IOrganizationService service, ITracingService tracing, Entity target, Entity stored, Guid accountId, decimal erpPaid, ref decimal applied)
    {
        var shares = stored.GetAttributeValue<string>(Receivable.Fields.PaymentShares);
        decimal moved;
        string? after;
        if (erpPaid > applied && PaymentShares.PendingOf(shares) > 0)
        {
            after = PaymentShares.TakeInPending(shares, erpPaid - applied, out moved);
            applied += moved;
            moved = -moved;
        }
        else if (erpPaid < applied && PaymentShares.InferredOf(shares) > 0)
        {
            after = PaymentShares.GiveBackInferred(shares, applied - erpPaid, out moved);
            applied -= moved;
        }
        else
        {
            return;
        }

        if (moved == 0m)
        {
            return;
        }

        target[Receivable.Fields.PaymentShares] = after;
        var cash = service.Retrieve(Account.EntityLogicalName, accountId, new ColumnSet(Account.Fields.UnappliedCash)).MoneyOrZero(Account.Fields.UnappliedCash);
        UnappliedCash.Keep(service, accountId, cash, Math.Max(0m, cash + moved));
        tracing.Trace("Invoice {0}: the ERP counts {1:0.00} paid; {2:0.00} of its payments' pending cash {3}; unapplied cash {4:0.00} → {5:0.00}.",
            stored.GetAttributeValue<string>(Receivable.Fields.ErpId), erpPaid, Math.Abs(moved), moved < 0 ? "is applied to it" : "goes back to unapplied cash", cash, Math.Max(0m, cash + moved));
    }
}
