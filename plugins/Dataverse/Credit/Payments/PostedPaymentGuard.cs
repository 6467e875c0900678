using System.Globalization;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// A posted payment is immutable. Its posting applied its amount to the invoices it named, in the account it named,
/// in its currency; changing any of those afterwards would leave the payment row saying one thing and the invoices
/// another. A different amount from the ERP is a reversal plus a new posting, never an edit. Saving the same values
/// again (a redelivered ERP message upserted by its key) changes nothing and passes. No calls: the pre-image has the
/// posted values.
/// </summary>
public static class PostedPaymentGuard
{
    /// <summary>The columns a posting applied; registered as the Update step's filtering attributes and pre-image.</summary>
    public const string PostedColumns =
        Payment.Fields.Amount + "," + Payment.Fields.AccountId + "," + Payment.Fields.TransactionCurrencyId + "," + Payment.Fields.AppliedInvoices + "," + Payment.Fields.ErpId + "," + Payment.Fields.DiscountTaken;

    public static void Guard(Entity target, RegisteredImage posted)
    {
        var payment = posted.Get<string>(Payment.Fields.ErpId) ?? target.Id.ToString();
        var changes = new List<string>();
        if (target.Contains(Payment.Fields.Amount))
        {
            var was = posted.Get<Money>(Payment.Fields.Amount)?.Value ?? 0m;
            var now = target.MoneyOrZero(Payment.Fields.Amount);
            if (was != now)
            {
                changes.Add("was posted as " + Figure(was) + "; the ERP now says " + Figure(now));
            }
        }

        if (target.Contains(Payment.Fields.DiscountTaken))
        {
            var was = posted.Get<Money>(Payment.Fields.DiscountTaken)?.Value ?? 0m;
            var now = target.MoneyOrZero(Payment.Fields.DiscountTaken);
            if (was != now)
            {
                changes.Add("was posted with a discount taken of " + Figure(was) + "; the ERP now says " + Figure(now));
            }
        }

        if (target.Contains(Payment.Fields.AccountId) && !SameReference(posted.Get<EntityReference>(Payment.Fields.AccountId), target.GetAttributeValue<EntityReference>(Payment.Fields.AccountId)))
        {
            changes.Add("was posted to account " + Id(posted.Get<EntityReference>(Payment.Fields.AccountId)) + "; the change names account " + Id(target.GetAttributeValue<EntityReference>(Payment.Fields.AccountId)));
        }

        if (target.Contains(Payment.Fields.TransactionCurrencyId) && !SameReference(posted.Get<EntityReference>(Payment.Fields.TransactionCurrencyId), target.GetAttributeValue<EntityReference>(Payment.Fields.TransactionCurrencyId)))
        {
            changes.Add("was posted in another currency than the change names");
        }

        if (target.Contains(Payment.Fields.AppliedInvoices))
        {
            var was = Invoices(posted.Get<string>(Payment.Fields.AppliedInvoices));
            var now = Invoices(target.GetAttributeValue<string>(Payment.Fields.AppliedInvoices));
            if (!string.Equals(was, now, StringComparison.OrdinalIgnoreCase))
            {
                changes.Add("was applied to invoice(s) " + Listed(was) + "; the change names " + Listed(now));
            }
        }

        if (changes.Count > 0)
        {
            throw new InvalidPluginExecutionException(
                "Payment " + payment + " " + string.Join("; it ", changes) + ": a posted payment cannot change; post a reversal and a new payment in the ERP.");
        }
    }

    /// <summary>The applied invoices as a canonical list (order, separators, duplicates and letter case do not matter: Dataverse matches invoice numbers without case).</summary>
    public static string Invoices(string? text) =>
        string.Join(",", (text ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(id => id, StringComparer.OrdinalIgnoreCase));

    private static string Listed(string invoices) => invoices.Length == 0 ? "none" : invoices;

    private static bool SameReference(EntityReference? a, EntityReference? b) => a?.Id == b?.Id;

    private static string Id(EntityReference? reference) => reference?.Id.ToString() ?? "none";

    private static string Figure(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
