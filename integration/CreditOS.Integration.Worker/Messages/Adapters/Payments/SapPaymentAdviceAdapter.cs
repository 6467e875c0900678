using System.Text.Json;
using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages.Adapters.Payments;

/// <summary>
/// SAP-style payment advice (JSON): {"PaymentAdvice":{"CompanyCode","FiscalYear","DocumentNumber","Customer",
/// "Amount","Currency","ValueDate","Items":[{"InvoiceReference"}], optional "CashDiscountTaken"}} (the early-payment
/// discount deducted from the items). ERP id: company code, year and document.
/// </summary>
public sealed class SapPaymentAdviceAdapter : IMessageAdapter<ErpPayment>
{
    public const string SourceSystem = "SAP";

    public string Format => "sap.payment-advice";

    public ErpPayment Convert(InboundMessage message)
    {
        var advice = PayloadFields.Root(message, "PaymentAdvice");
        var document = PayloadFields.ErpId(PayloadFields.OptionalString(advice, "DocumentNumber"), "DocumentNumber");
        var erpId = $"{PayloadFields.RequiredString(advice, "CompanyCode")}-{PayloadFields.RequiredString(advice, "FiscalYear")}-{document}";
        // Items of another type than an array are refused: read as "no invoices", the payment would post as unapplied cash.
        var invoices = PayloadFields.OptionalArray(advice, "Items")
            .Select(item => item.ValueKind == JsonValueKind.Object ? PayloadFields.RequiredString(item, "InvoiceReference") : throw new PayloadException("an entry of 'Items' is not an object"))
            .ToList();
        return new ErpPayment(
            SourceSystem,
            erpId,
            PayloadFields.RequiredString(advice, "Customer"),
            PayloadFields.RequiredDecimal(advice, "Amount"),
            PayloadFields.RequiredString(advice, "Currency").ToUpperInvariant(),
            PayloadFields.RequiredDate(advice, "ValueDate"),
            invoices,
            PayloadFields.OptionalDecimal(advice, "CashDiscountTaken") ?? 0m);
    }
}
