namespace CreditOS.CreditEngine.Backtesting;

/// <summary>One row of an accounts-receivable history CSV; <paramref name="LineNumber"/> is where it was read (0 if generated).</summary>
public sealed record BacktestInvoice(
    string CustomerId,
    string InvoiceId,
    DateTime InvoiceDate,
    DateTime DueDate,
    decimal Amount,
    DateTime? SettledDate,
    bool Disputed,
    int LineNumber = 0);
