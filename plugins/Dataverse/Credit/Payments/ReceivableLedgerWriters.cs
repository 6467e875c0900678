using System.Globalization;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// Who writes an invoice's ledger columns (controls round 6). The open amount in Dataverse is the invoice amount less the
/// payments posted here, so it moves only through the ledger: a payment posted in creditOS (<see cref="PaymentApplication"/>,
/// as SYSTEM, naming the payment in <c>cos_lastpaymentid</c>) or the ERP's statement of the invoice (its amount or open amount)
/// (<see cref="ReceivableAmendment"/> replaces the stated open figure by the ledger's). What the ERP counted as paid
/// (<c>cos_erppaidahead</c>, set on create by <see cref="ErpPaidAhead"/>), the payment that last settled it, the discount
/// taken, the days late, each payment's share and the ERP's latest paid figure (session 14: what a reversal undoes and
/// pending cash follows) are the credit flow's (SYSTEM: posting, reversal, the ERP rule) only. Anyone else, the integration worker and a System
/// Administrator included, is refused with the figures: lowering the paid-ahead figure let the payments the ERP counted
/// reduce the open amount a second time, raising it swallowed the next payment without reducing anything, and an open
/// amount or settlement written alone (or beside a payment id, which makes the amendment and the rescoring step stand
/// aside) took an invoice out of the exposure no payment paid.
/// </summary>
public static class ReceivableLedgerWriters
{
    /// <summary>Comma-separated, for the update step's filtering attributes.</summary>
    public const string Columns = Receivable.Fields.Amount + "," + Receivable.Fields.OpenAmount + "," + Receivable.Fields.SettledOn + ","
        + Receivable.Fields.DaysLate + "," + Receivable.Fields.ErpPaidAhead + "," + Receivable.Fields.LastPaymentId + "," + Receivable.Fields.DiscountTaken + ","
        + Receivable.Fields.PaymentShares + "," + Receivable.Fields.ErpPaid;

    /// <summary>Comma-separated, for the update step's pre-image: the guarded columns and the invoice's ERP id for the message.</summary>
    public const string ImageColumns = Columns + "," + Receivable.Fields.ErpId;

    /// <summary>Written only by the payment application (SYSTEM), on create and on update.</summary>
    private static readonly string[] PaymentColumns =
        [Receivable.Fields.ErpPaidAhead, Receivable.Fields.LastPaymentId, Receivable.Fields.DiscountTaken, Receivable.Fields.DaysLate, Receivable.Fields.PaymentShares, Receivable.Fields.ErpPaid];

    /// <summary>On update, also the open amount, settlement and amount unless the write is the ERP's statement of the invoice.</summary>
    private static readonly string[] LedgerColumns = [.. PaymentColumns, Receivable.Fields.OpenAmount, Receivable.Fields.SettledOn, Receivable.Fields.Amount];

    /// <summary>On create the paid-ahead figure is the rule's whatever was stated (<see cref="ErpPaidAhead.OnCreate"/>).</summary>
    private static readonly string[] CreateColumns =
        [Receivable.Fields.LastPaymentId, Receivable.Fields.DiscountTaken, Receivable.Fields.DaysLate, Receivable.Fields.PaymentShares, Receivable.Fields.ErpPaid];

    /// <param name="isCreditFlow">Whether the caller is SYSTEM (one call); asked only when a guarded column changes.</param>
    public static void Check(Entity target, Entity? before, Func<bool> isCreditFlow)
    {
        var guarded = before is null ? CreateColumns : ReceivableAmendment.IsRestatement(target) ? PaymentColumns : LedgerColumns;
        var changed = CreditColumnGuard.ChangedAmong(target, before, guarded);
        if (changed.Count == 0 || isCreditFlow())
        {
            return;
        }

        var erpId = target.GetAttributeValue<string>(Receivable.Fields.ErpId) ?? before?.GetAttributeValue<string>(Receivable.Fields.ErpId);
        var figures = string.Join(", ", changed.Select(column => column + " " + Show(before?.Contains(column) == true ? before[column] : null) + " → " + Show(target[column])));
        var state = before is null
            ? string.Empty
            : string.Format(CultureInfo.InvariantCulture, " (amount {0:0.00}, open {1:0.00}, paid in the ERP not yet posted {2:0.00})",
                before.MoneyOrZero(Receivable.Fields.Amount), before.MoneyOrZero(Receivable.Fields.OpenAmount), before.MoneyOrZero(Receivable.Fields.ErpPaidAhead));
        throw new InvalidPluginExecutionException(
            (string.IsNullOrEmpty(erpId) ? "The invoice" : "Invoice " + erpId) + state + " cannot be saved: " + figures + ". "
            + "An invoice's open amount moves only through the ledger, whatever your roles: a payment posted in creditOS, its reversal, or the ERP's statement of the invoice's amount or open amount. "
            + "What the ERP counted as paid, each payment's share, the payment that settled it, the discount taken and the days late are written by payment posting and reversal only. "
            + "Post the payment, reverse it in the ERP, or send the ERP's restated invoice instead.");
    }

    private static string Show(object? value) => value switch
    {
        null => "(none)",
        Money money => money.Value.ToString("0.00", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        EntityReference reference => reference.Id.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
