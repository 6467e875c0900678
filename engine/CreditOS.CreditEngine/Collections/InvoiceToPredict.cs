namespace CreditOS.CreditEngine.Collections;

/// <summary>An invoice whose payment is predicted: its dates, amount, what is still open and whether it is disputed (known while it is open).</summary>
public sealed record InvoiceToPredict(DateTime InvoiceDate, DateTime DueDate, decimal Amount, decimal OpenAmount, bool Disputed)
{
    /// <summary>Days between invoicing and due date (the terms).</summary>
    public int TermsDays => Math.Max(0, (DueDate.Date - InvoiceDate.Date).Days);
}
