using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages.Adapters.Receivables;

/// <summary>
/// SAP-style customer open item (JSON): {"OpenItem":{"CompanyCode","FiscalYear","DocumentNumber","Customer",
/// "InvoiceReference","DocumentDate","NetDueDate","Amount","OpenAmount","Currency","ClearingDate","Disputed",
/// optional "CashDiscountPercent","CashDiscountDate"}} (the invoice's early-payment discount, SAP's cash discount).
/// </summary>
public sealed class SapOpenItemAdapter : IMessageAdapter<ErpReceivable>
{
    public string Format => "sap.open-item";

    public ErpReceivable Convert(InboundMessage message)
    {
        var item = PayloadFields.Root(message, "OpenItem");
        var document = PayloadFields.ErpId(PayloadFields.OptionalString(item, "DocumentNumber"), "DocumentNumber");
        return new ErpReceivable(
            Payments.SapPaymentAdviceAdapter.SourceSystem,
            $"{PayloadFields.RequiredString(item, "CompanyCode")}-{PayloadFields.RequiredString(item, "FiscalYear")}-{document}",
            PayloadFields.RequiredString(item, "Customer"),
            PayloadFields.OptionalString(item, "InvoiceReference") ?? document,
            PayloadFields.RequiredDate(item, "DocumentDate"),
            PayloadFields.RequiredDate(item, "NetDueDate"),
            PayloadFields.RequiredDecimal(item, "Amount"),
            PayloadFields.RequiredDecimal(item, "OpenAmount"),
            PayloadFields.RequiredString(item, "Currency").ToUpperInvariant(),
            PayloadFields.OptionalDate(item, "ClearingDate"),
            PayloadFields.OptionalBool(item, "Disputed"),
            PayloadFields.OptionalDecimal(item, "CashDiscountPercent"),
            PayloadFields.OptionalDate(item, "CashDiscountDate")) { Version = message.Sequence, MessageId = message.MessageId.Length == 0 ? null : message.MessageId };
    }
}
