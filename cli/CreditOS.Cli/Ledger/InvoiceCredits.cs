using CreditOS.CreditEngine.Backtesting;

namespace CreditOS.Cli.Ledger;

/// <summary>
/// Credit notes that name the invoice they credit (the row's invoice number, or its applies-to column), session 36.
/// An invoice still open whose credit notes cover its amount (all but 3%, as a payment may fall short) was cancelled,
/// not left unpaid, so it is left out. Until session 36 the reader left the credit note out and kept the invoice open:
/// it counted as an invoice paid late (unpaid past due) and, in the customer's score for every later invoice, as an item
/// up to 120 days late. Measured on generated and real ledgers with 4% of the invoices credited that way, the shipped
/// score fell below both one-line baselines (engine/README.md, "Session 36"). An invoice the file settles keeps its
/// settlement (a credit note after a payment is a refund, not a cancellation). In a ledger whose payments are rows of
/// their own, a credit counts toward the invoice as a payment without a date does (<see cref="LedgerPayments"/>): an
/// invoice its payments and credit notes cover together is settled when its last payment needed lands.
/// </summary>
internal sealed class InvoiceCredits
{
    /// <summary>What the credits may fall short of the invoice and still cancel it, as for payments (cash discounts run to 2–3%).</summary>
    private const decimal ShortfallAllowed = 0.03m;

    private readonly Dictionary<string, decimal> _byInvoice = new(StringComparer.Ordinal);

    public void Add(string customerKey, string invoiceId, decimal amount)
    {
        var key = LedgerPayments.Key(customerKey, invoiceId);
        _byInvoice[key] = _byInvoice.GetValueOrDefault(key) + Math.Abs(amount);
    }

    /// <summary>What the credit notes naming an invoice add up to (0 when none names it).</summary>
    public decimal For(string customerKey, string invoiceId) => _byInvoice.GetValueOrDefault(LedgerPayments.Key(customerKey, invoiceId));

    /// <summary>The invoices less those the credits cancel (with the cancelled ones' line numbers, for the command to say).</summary>
    public (IReadOnlyList<BacktestInvoice> Kept, List<int> Cancelled) Apply(IReadOnlyList<BacktestInvoice> invoices, Func<string, string> customerKey)
    {
        if (_byInvoice.Count == 0)
        {
            return (invoices, []);
        }

        // An invoice on several instalments (OpenItems' "INV-1#2") is credited as the one invoice the credit note names.
        var openByInvoice = invoices
            .Where(i => i.SettledDate is null)
            .GroupBy(i => LedgerPayments.Key(customerKey(i.CustomerId), LedgerPayments.BaseId(i.InvoiceId)), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(i => i.Amount), StringComparer.Ordinal);
        var cancelled = new List<int>();
        var kept = new List<BacktestInvoice>(invoices.Count);
        foreach (var invoice in invoices)
        {
            var key = LedgerPayments.Key(customerKey(invoice.CustomerId), LedgerPayments.BaseId(invoice.InvoiceId));
            if (invoice.SettledDate is null && _byInvoice.TryGetValue(key, out var credited) && credited >= openByInvoice[key] * (1 - ShortfallAllowed))
            {
                cancelled.Add(invoice.LineNumber);
                continue;
            }

            kept.Add(invoice);
        }

        return (kept, cancelled);
    }
}
