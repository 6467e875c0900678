namespace CreditOS.CreditEngine.History;

/// <summary>
/// A receivable (ERP open item). <paramref name="SettledDate"/> is when it was fully paid, null while open;
/// a settlement after the evaluation date is treated as not yet happened (no look-ahead).
/// </summary>
public sealed record InvoiceRecord(
    string Id,
    DateTime InvoiceDate,
    DateTime DueDate,
    decimal Amount,
    DateTime? SettledDate = null,
    bool Disputed = false,
    string? Currency = null);
