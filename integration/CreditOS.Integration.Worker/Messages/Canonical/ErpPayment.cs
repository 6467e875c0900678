namespace CreditOS.Integration.Worker.Messages.Canonical;

/// <summary>
/// A customer payment as the ERP booked it, whatever system or format it came from. <see cref="DiscountTaken"/> is the
/// early-payment discount the customer deducted from the invoices it names (it settles them with the amount paid).
/// </summary>
public sealed record ErpPayment(
    string SourceSystem,
    string ErpId,
    string CustomerNumber,
    decimal Amount,
    string CurrencyCode,
    DateOnly PaymentDate,
    IReadOnlyList<string> AppliedInvoiceIds,
    decimal DiscountTaken = 0m);
