using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages.Adapters.Payments;

/// <summary>
/// One line of the legacy ERP's payment export (semicolon separated, header line first):
/// payment_id;customer_no;amount;currency;payment_date;invoices (invoices separated by '|'), optional discount_taken
/// (the early-payment discount the customer deducted from those invoices; none when absent).
/// </summary>
public sealed class LegacyCsvPaymentAdapter : IMessageAdapter<ErpPayment>
{
    public const string SourceSystem = "LEGACY";

    public string Format => "legacy.payment-csv";

    public ErpPayment Convert(InboundMessage message)
    {
        var line = CsvLine.Parse(message.BodyText, ';');
        var invoices = line.Optional("invoices");
        var discount = line.Optional("discount_taken");
        return new ErpPayment(
            SourceSystem,
            PayloadFields.ErpId(line.Optional("payment_id"), "payment_id"),
            line.Required("customer_no"),
            PayloadFields.Decimal(line.Required("amount"), "amount"),
            line.Required("currency").ToUpperInvariant(),
            PayloadFields.Date(line.Required("payment_date"), "payment_date"),
            invoices is null ? [] : invoices.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            discount is null ? 0m : PayloadFields.Decimal(discount, "discount_taken"));
    }
}
