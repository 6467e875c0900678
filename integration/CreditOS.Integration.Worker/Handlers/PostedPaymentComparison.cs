using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.Payment;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>
/// A payment the ERP sends again, compared with the one already posted. A posted payment is immutable: its amount was
/// applied to the invoices it named, in its account. The same content again is a redelivery (done); different content
/// is a conflict for a person (the ERP must post a reversal and a new payment), never an overwrite.
/// </summary>
public static class PostedPaymentComparison
{
    /// <summary>The posted columns to read back: amount, account, applied invoices.</summary>
    public static readonly string SelectColumns = string.Join(',', Schema.Amount, "_" + Schema.Account + "_value", Schema.AppliedInvoices, Schema.DiscountTaken);

    /// <summary>Null when the message restates the posted payment; otherwise why it cannot be taken, with the figures.</summary>
    public static Rejection? Compare(ErpPayment message, Guid accountId, JsonObject posted)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(posted);
        var differences = new List<string>();
        var postedAmount = posted[Schema.Amount]?.GetValue<decimal>() ?? 0m;
        if (postedAmount != message.Amount)
        {
            differences.Add($"was posted as {Figure(postedAmount)}; the ERP now says {Figure(message.Amount)}");
        }

        var postedDiscount = posted[Schema.DiscountTaken]?.GetValue<decimal>() ?? 0m;
        if (postedDiscount != message.DiscountTaken)
        {
            differences.Add($"was posted with a discount taken of {Figure(postedDiscount)}; the ERP now says {Figure(message.DiscountTaken)}");
        }

        var postedAccount = posted["_" + Schema.Account + "_value"]?.GetValue<Guid>();
        if (postedAccount != accountId)
        {
            differences.Add($"was posted to account {postedAccount?.ToString() ?? "none"}; the ERP now names customer {message.CustomerNumber}");
        }

        var postedInvoices = Canonical(posted[Schema.AppliedInvoices]?.GetValue<string>());
        var nowInvoices = Canonical(string.Join(';', message.AppliedInvoiceIds));
        if (!string.Equals(postedInvoices, nowInvoices, StringComparison.Ordinal))
        {
            differences.Add($"was applied to invoice(s) {Listed(postedInvoices)}; the ERP now names {Listed(nowInvoices)}");
        }

        return differences.Count == 0
            ? null
            : new Rejection(
                RejectionReasons.PostedPaymentChanged,
                $"Payment {message.SourceSystem}/{message.ErpId} {string.Join("; it ", differences)}: a posted payment cannot change; post a reversal and a new payment in the ERP.");
    }

    private static string Canonical(string? invoices) =>
        string.Join(",", (invoices ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static string Listed(string invoices) => invoices.Length == 0 ? "none" : invoices;

    private static string Figure(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
