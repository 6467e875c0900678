using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages.Adapters.Receivables;

/// <summary>
/// One line of the legacy ERP's invoice export (semicolon separated, header line first): invoice_id;customer_no;
/// invoice_number;invoice_date;due_date;amount;open_amount;currency;settled_on;disputed, optional discount_percent;
/// discount_date (the invoice's early-payment discount: both or neither, checked by the receivable handler).
/// </summary>
public sealed class LegacyCsvReceivableAdapter : IMessageAdapter<ErpReceivable>
{
    public string Format => "legacy.receivable-csv";

    public ErpReceivable Convert(InboundMessage message)
    {
        var line = CsvLine.Parse(message.BodyText, ';');
        var erpId = PayloadFields.ErpId(line.Optional("invoice_id"), "invoice_id");
        var settled = line.Optional("settled_on");
        var discountPercent = line.Optional("discount_percent");
        var discountDate = line.Optional("discount_date");
        return new ErpReceivable(
            Payments.LegacyCsvPaymentAdapter.SourceSystem,
            erpId,
            line.Required("customer_no"),
            line.Optional("invoice_number") ?? erpId,
            PayloadFields.Date(line.Required("invoice_date"), "invoice_date"),
            PayloadFields.Date(line.Required("due_date"), "due_date"),
            PayloadFields.Decimal(line.Required("amount"), "amount"),
            PayloadFields.Decimal(line.Required("open_amount"), "open_amount"),
            line.Required("currency").ToUpperInvariant(),
            settled is null ? null : PayloadFields.Date(settled, "settled_on"),
            PayloadFields.Bool(line.Optional("disputed") ?? string.Empty, "disputed"),
            discountPercent is null ? null : PayloadFields.Decimal(discountPercent, "discount_percent"),
            discountDate is null ? null : PayloadFields.Date(discountDate, "discount_date")) { Version = message.Sequence, MessageId = message.MessageId.Length == 0 ? null : message.MessageId };
    }
}
