using System.Globalization;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Backtesting;

/// <summary>
/// Writes the accounts-receivable history CSV (the CLI reads it, with CsvHelper):
/// <c>customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed</c>, ISO dates (yyyy-MM-dd),
/// amounts with a dot as decimal separator, <c>disputed</c> true/false, <c>settled_date</c> empty while unpaid.
/// All amounts are taken to be in one currency.
/// </summary>
public static class BacktestCsv
{
    public const string Header = "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed";
    private const string DateFormat = "yyyy-MM-dd";

    public static void Write(TextWriter writer, IEnumerable<BacktestInvoice> rows)
    {
        Require.NotNull(writer, "The CSV writer");
        Require.NotNull(rows, "The rows");
        writer.Write(Header + "\n");
        foreach (var row in rows)
        {
            writer.Write(string.Join(
                ",",
                row.CustomerId,
                row.InvoiceId,
                row.InvoiceDate.ToString(DateFormat, CultureInfo.InvariantCulture),
                row.DueDate.ToString(DateFormat, CultureInfo.InvariantCulture),
                row.Amount.ToString("0.00", CultureInfo.InvariantCulture),
                row.SettledDate?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? string.Empty,
                row.Disputed ? "true" : "false"));
            writer.Write("\n");
        }
    }

    /// <summary>The invoices of generated histories as CSV rows, in invoice-date order.</summary>
    public static IReadOnlyList<BacktestInvoice> FromHistories(IEnumerable<CustomerHistory> histories) =>
        histories
            .SelectMany(h => h.Invoices.Select(i => new BacktestInvoice(h.CustomerId, i.Id, i.InvoiceDate, i.DueDate, i.Amount, i.SettledDate, i.Disputed)))
            .OrderBy(r => r.InvoiceDate)
            .ThenBy(r => r.CustomerId, StringComparer.Ordinal)
            .ThenBy(r => r.InvoiceId, StringComparer.Ordinal)
            .ToList();
}
