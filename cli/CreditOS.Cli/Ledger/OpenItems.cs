using CreditOS.CreditEngine.Backtesting;

namespace CreditOS.Cli.Ledger;

/// <summary>
/// The invoices of a ledger file by customer and invoice number, for exports that write an invoice on several lines
/// instead of refusing the whole file: a line repeating an earlier one exactly is left out (an export joined with
/// something else); a line with the same due date is part of the same invoice (amounts added; settled when its last
/// line is, open while any is; disputed if any is); a line with another due date is an instalment, an open item of its
/// own (<c>INV-1#2</c>), as an ERP keeps it. Each kind is counted by line for the command to say.
/// </summary>
internal sealed class OpenItems
{
    private readonly Dictionary<string, List<int>> _byInvoice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<BacktestInvoice>> _linesRead = new(StringComparer.Ordinal);
    private readonly List<BacktestInvoice> _invoices = [];

    public List<int> Repeated { get; } = [];

    public List<int> Merged { get; } = [];

    public List<int> Installments { get; } = [];

    public IReadOnlyList<BacktestInvoice> Invoices => _invoices;

    public void Add(BacktestInvoice row)
    {
        var key = row.CustomerId + "\u0001" + row.InvoiceId;
        if (!_byInvoice.TryGetValue(key, out var indexes))
        {
            _byInvoice[key] = [_invoices.Count];
            _linesRead[key] = [row];
            _invoices.Add(row);
            return;
        }

        var lines = _linesRead[key];
        if (lines.Exists(line => line with { LineNumber = row.LineNumber } == row))
        {
            Repeated.Add(row.LineNumber);
            return;
        }

        lines.Add(row);
        foreach (var index in indexes)
        {
            var earlier = _invoices[index];
            if (earlier.DueDate == row.DueDate && earlier.InvoiceDate == row.InvoiceDate)
            {
                _invoices[index] = earlier with
                {
                    Amount = earlier.Amount + row.Amount,
                    SettledDate = earlier.SettledDate is { } first && row.SettledDate is { } second ? (first > second ? first : second) : null,
                    Disputed = earlier.Disputed || row.Disputed,
                };
                Merged.Add(row.LineNumber);
                return;
            }
        }

        Installments.Add(row.LineNumber);
        indexes.Add(_invoices.Count);
        _invoices.Add(row with { InvoiceId = row.InvoiceId + "#" + (indexes.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}
