using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.CreditEngine.Ledger;
using CreditOS.Integration.Worker.Messages;
using CreditOS.Integration.Worker.Messages.Canonical;
using Schema = CreditOS.Integration.Worker.Dataverse.DataverseSchema.Payment;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>
/// A payment the ERP sends again, compared with the one already posted. A posted payment is immutable: its amount was
/// applied to the invoices it named, in its account, and settled them on its payment date. The same content again is a
/// redelivery (done); different content is a conflict for a person (the ERP must post a reversal and a new payment), never
/// an overwrite. What differs is the engine's rule (<see cref="PostedPaymentChanges"/>), the same the server's guard applies.
/// </summary>
public static class PostedPaymentComparison
{
    /// <summary>The posted columns to read back: amount, account, applied invoices, discount taken, payment date.</summary>
    public static readonly string SelectColumns = string.Join(',', Schema.Amount, "_" + Schema.Account + "_value", Schema.AppliedInvoices, Schema.DiscountTaken, Schema.PaymentDate);

    /// <summary>Null when the message restates the posted payment; otherwise why it cannot be taken, with the figures.</summary>
    public static Rejection? Compare(ErpPayment message, Guid accountId, JsonObject posted)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(posted);
        var postedAccount = posted["_" + Schema.Account + "_value"]?.GetValue<Guid>();
        var refusal = new PostedPaymentChanges()
            .Amount(posted[Schema.Amount]?.GetValue<decimal>() ?? 0m, message.Amount)
            .DiscountTaken(posted[Schema.DiscountTaken]?.GetValue<decimal>() ?? 0m, message.DiscountTaken)
            .PaymentDate(PostedDate(posted[Schema.PaymentDate]), message.PaymentDate.ToDateTime(TimeOnly.MinValue))
            .Same(postedAccount == accountId, $"was posted to account {postedAccount?.ToString() ?? "none"}; the ERP now names customer {message.CustomerNumber}")
            .Invoices(posted[Schema.AppliedInvoices]?.GetValue<string>(), string.Join(';', message.AppliedInvoiceIds))
            .Refusal($"{message.SourceSystem}/{message.ErpId}");
        return refusal is null ? null : new Rejection(RejectionReasons.PostedPaymentChanged, refusal);
    }

    /// <summary>The payment date as the Web API returns a date-only column ("2026-11-20"); a date and time is read for its date.</summary>
    private static DateTime? PostedDate(JsonNode? value) =>
        value?.GetValue<string>() is { Length: > 0 } text
            ? DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Date
            : null;
}
