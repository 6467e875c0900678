namespace CreditOS.Integration.Worker.Messages.Canonical;

/// <summary>A customer payment as the ERP booked it, whatever system or format it came from.</summary>
public sealed record ErpPayment(
    string SourceSystem,
    string ErpId,
    string CustomerNumber,
    decimal Amount,
    string CurrencyCode,
    DateOnly PaymentDate,
    IReadOnlyList<string> AppliedInvoiceIds);
