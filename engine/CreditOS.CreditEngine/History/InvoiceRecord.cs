namespace CreditOS.CreditEngine.History;

/// <summary>
/// A receivable (ERP open item). <paramref name="SettledDate"/> is when it was fully paid, null while open;
/// a settlement after the evaluation date is treated as not yet happened (no look-ahead).
/// <paramref name="DiscountPercent"/> and <paramref name="DiscountDate"/> are the early-payment discount the invoice
/// itself offers (null: none stated, the policy's terms apply where the caller gives them); <paramref name="DiscountTaken"/>
/// is the discount the customer deducted when settling it.
/// </summary>
public sealed record InvoiceRecord(
    string Id,
    DateTime InvoiceDate,
    DateTime DueDate,
    decimal Amount,
    DateTime? SettledDate = null,
    bool Disputed = false,
    string? Currency = null,
    decimal? DiscountPercent = null,
    DateTime? DiscountDate = null,
    decimal DiscountTaken = 0m);
