using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages.Adapters.Payments;

/// <summary>
/// SAP-style payment reversal (JSON, session 14), on the payments queue: {"PaymentReversal":{"ReversalDocument",
/// "CompanyCode","FiscalYear","DocumentNumber" (the reversed payment's), "Customer","ReversalDate","Reason", optional
/// "Amount","Currency"}}. The reversed payment's ERP id is built as the payment advice builds it (company code, year,
/// document); the reversal's own id is company code, year and reversal document.
/// </summary>
public sealed class SapPaymentReversalAdapter : IMessageAdapter<ErpPaymentReversal>
{
    public const string FormatName = "sap.payment-reversal";

    public string Format => FormatName;

    public ErpPaymentReversal Convert(InboundMessage message)
    {
        var reversal = PayloadFields.Root(message, "PaymentReversal");
        var company = PayloadFields.RequiredString(reversal, "CompanyCode");
        var year = PayloadFields.RequiredString(reversal, "FiscalYear");
        var payment = PayloadFields.ErpId(PayloadFields.OptionalString(reversal, "DocumentNumber"), "DocumentNumber");
        var document = PayloadFields.ErpId(PayloadFields.OptionalString(reversal, "ReversalDocument"), "ReversalDocument");
        return new ErpPaymentReversal(
            SapPaymentAdviceAdapter.SourceSystem,
            $"{company}-{year}-{document}",
            $"{company}-{year}-{payment}",
            PayloadFields.RequiredString(reversal, "Customer"),
            PayloadFields.OptionalDecimal(reversal, "Amount"),
            PayloadFields.OptionalString(reversal, "Currency")?.ToUpperInvariant(),
            PayloadFields.RequiredDate(reversal, "ReversalDate"),
            PayloadFields.RequiredString(reversal, "Reason"));
    }
}
