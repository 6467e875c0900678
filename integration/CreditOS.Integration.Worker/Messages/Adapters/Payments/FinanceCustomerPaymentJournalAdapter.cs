using CreditOS.Integration.Worker.Messages.Canonical;
using CreditOS.Integration.Worker.Transport;

namespace CreditOS.Integration.Worker.Messages.Adapters.Payments;

/// <summary>
/// Dynamics 365 Finance customer-payment journal line (its OData entity's JSON): dataAreaId,
/// JournalBatchNumber, LineNumber, AccountDisplayValue, CreditAmount, CurrencyCode, TransactionDate,
/// MarkedInvoice, optional CashDiscountAmount (the cash discount taken on the marked invoices, as Finance's journal line
/// carries it). A customer payment is a credit on the customer account.
/// </summary>
public sealed class FinanceCustomerPaymentJournalAdapter : IMessageAdapter<ErpPayment>
{
    public const string SourceSystem = "D365FIN";

    public string Format => "d365fin.customer-payment-journal-line";

    public ErpPayment Convert(InboundMessage message)
    {
        var line = PayloadFields.Root(message);
        var batch = PayloadFields.ErpId(PayloadFields.OptionalString(line, "JournalBatchNumber"), "JournalBatchNumber");
        var lineNumber = PayloadFields.ErpId(PayloadFields.OptionalString(line, "LineNumber"), "LineNumber");
        var company = PayloadFields.RequiredString(line, "dataAreaId").ToUpperInvariant();
        var marked = PayloadFields.OptionalString(line, "MarkedInvoice");
        return new ErpPayment(
            SourceSystem,
            $"{company}-{batch}-{lineNumber}",
            PayloadFields.RequiredString(line, "AccountDisplayValue"),
            PayloadFields.RequiredDecimal(line, "CreditAmount"),
            PayloadFields.RequiredString(line, "CurrencyCode").ToUpperInvariant(),
            PayloadFields.RequiredDate(line, "TransactionDate"),
            marked is null ? [] : marked.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            PayloadFields.OptionalDecimal(line, "CashDiscountAmount") ?? 0m);
    }
}
