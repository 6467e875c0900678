using CreditOS.CreditEngine.Ledger;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// A posted payment is immutable. Its posting applied its amount to the invoices it named, in the account it named,
/// in its currency, and settled them on its payment date; changing any of those afterwards would leave the payment row
/// saying one thing and the invoices another. A different amount (or date) from the ERP is a reversal plus a new posting,
/// never an edit. Saving the same values again (a redelivered ERP message upserted by its key) changes nothing and passes.
/// What counts as a change is the engine's (<see cref="PostedPaymentChanges"/>, the same rule the worker's read-back uses).
/// No calls: the pre-image has the posted values.
/// </summary>
public static class PostedPaymentGuard
{
    /// <summary>The columns a posting applied; registered as the Update step's filtering attributes and pre-image.</summary>
    public const string PostedColumns =
        Payment.Fields.Amount + "," + Payment.Fields.AccountId + "," + Payment.Fields.TransactionCurrencyId + "," + Payment.Fields.AppliedInvoices + "," + Payment.Fields.ErpId + "," + Payment.Fields.DiscountTaken
        + "," + Payment.Fields.PaymentDate;

    public static void Guard(Entity target, RegisteredImage posted)
    {
        var payment = posted.Get<string>(Payment.Fields.ErpId) ?? target.Id.ToString();
        var changes = new PostedPaymentChanges();
        if (target.Contains(Payment.Fields.Amount))
        {
            changes.Amount(posted.Get<Money>(Payment.Fields.Amount)?.Value ?? 0m, target.MoneyOrZero(Payment.Fields.Amount));
        }

        if (target.Contains(Payment.Fields.DiscountTaken))
        {
            changes.DiscountTaken(posted.Get<Money>(Payment.Fields.DiscountTaken)?.Value ?? 0m, target.MoneyOrZero(Payment.Fields.DiscountTaken));
        }

        if (target.Contains(Payment.Fields.PaymentDate))
        {
            changes.PaymentDate(posted.Get<DateTime?>(Payment.Fields.PaymentDate), target.GetAttributeValue<DateTime?>(Payment.Fields.PaymentDate));
        }

        if (target.Contains(Payment.Fields.AccountId))
        {
            changes.Same(
                SameReference(posted.Get<EntityReference>(Payment.Fields.AccountId), target.GetAttributeValue<EntityReference>(Payment.Fields.AccountId)),
                "was posted to account " + Id(posted.Get<EntityReference>(Payment.Fields.AccountId)) + "; the change names account " + Id(target.GetAttributeValue<EntityReference>(Payment.Fields.AccountId)));
        }

        if (target.Contains(Payment.Fields.TransactionCurrencyId))
        {
            changes.Same(
                SameReference(posted.Get<EntityReference>(Payment.Fields.TransactionCurrencyId), target.GetAttributeValue<EntityReference>(Payment.Fields.TransactionCurrencyId)),
                "was posted in another currency than the change names");
        }

        if (target.Contains(Payment.Fields.AppliedInvoices))
        {
            changes.Invoices(posted.Get<string>(Payment.Fields.AppliedInvoices), target.GetAttributeValue<string>(Payment.Fields.AppliedInvoices));
        }

        if (changes.Refusal(payment) is { } refusal)
        {
            throw new InvalidPluginExecutionException(refusal);
        }
    }

    private static bool SameReference(EntityReference? a, EntityReference? b) => a?.Id == b?.Id;

    private static string Id(EntityReference? reference) => reference?.Id.ToString() ?? "none";
}
