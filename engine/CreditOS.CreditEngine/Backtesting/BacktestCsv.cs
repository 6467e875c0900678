using System.Globalization;
using CreditOS.CreditEngine.History;

namespace CreditOS.CreditEngine.Backtesting;

/// <summary>
/// Reads and writes the accounts-receivable history CSV:
/// <c>customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed</c>, ISO dates (yyyy-MM-dd),
/// amounts with a dot as decimal separator, <c>disputed</c> true/false, <c>settled_date</c> empty while unpaid.
/// All amounts are taken to be in one currency.
/// </summary>
public static class BacktestCsv
{
    public const string Header = "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed";
    private const string DateFormat = "yyyy-MM-dd";
    private const int ColumnCount = 7;

    public static IReadOnlyList<BacktestInvoice> Read(TextReader reader)
    {
        Require.NotNull(reader, "The CSV reader");
        var header = reader.ReadLine();
        if (header is null)
        {
            throw new BacktestFormatException(1, "the file is empty; expected the header '" + Header + "'.");
        }

        if (!string.Equals(header.Trim().TrimStart('\uFEFF'), Header, StringComparison.OrdinalIgnoreCase))
        {
            throw new BacktestFormatException(1, "expected the header '" + Header + "' but found '" + header + "'.");
        }

        var rows = new List<BacktestInvoice>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var row = ParseRow(line, lineNumber);
            if (!seen.Add(row.CustomerId + "\u0001" + row.InvoiceId))
            {
                throw new BacktestFormatException(lineNumber, "invoice '" + row.InvoiceId + "' of customer '" + row.CustomerId + "' appears more than once.");
            }

            rows.Add(row);
        }

        return rows;
    }

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

    private static BacktestInvoice ParseRow(string line, int lineNumber)
    {
        var fields = line.Split(',');
        if (fields.Length != ColumnCount)
        {
            throw new BacktestFormatException(lineNumber, "expected " + ColumnCount + " comma-separated fields (" + Header + ") but found " + fields.Length + ".");
        }

        var customer = Text(fields[0], "customer_id", lineNumber);
        var invoice = Text(fields[1], "invoice_id", lineNumber);
        var invoiceDate = Date(fields[2], "invoice_date", lineNumber);
        var dueDate = Date(fields[3], "due_date", lineNumber);
        if (!decimal.TryParse(fields[4].Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            throw new BacktestFormatException(lineNumber, "amount '" + fields[4] + "' is not a number (use a dot for decimals, no thousands separator).");
        }

        if (amount < 0)
        {
            throw new BacktestFormatException(lineNumber, "amount " + fields[4] + " is negative; credit notes are not supported in the backtest.");
        }

        if (dueDate < invoiceDate)
        {
            throw new BacktestFormatException(lineNumber, "due_date " + fields[3] + " is before invoice_date " + fields[2] + ".");
        }

        DateTime? settled = fields[5].Trim().Length == 0 ? null : Date(fields[5], "settled_date", lineNumber);
        if (settled < invoiceDate)
        {
            throw new BacktestFormatException(lineNumber, "settled_date " + fields[5] + " is before invoice_date " + fields[2] + ".");
        }

        var disputed = fields[6].Trim().ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw new BacktestFormatException(lineNumber, "disputed must be true or false, found '" + fields[6] + "'."),
        };

        return new BacktestInvoice(customer, invoice, invoiceDate, dueDate, amount, settled, disputed, lineNumber);
    }

    private static string Text(string field, string column, int lineNumber)
    {
        var value = field.Trim();
        return value.Length > 0 ? value : throw new BacktestFormatException(lineNumber, column + " is empty.");
    }

    private static DateTime Date(string field, string column, int lineNumber) =>
        DateTime.TryParseExact(field.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new BacktestFormatException(lineNumber, column + " '" + field + "' is not an ISO date (yyyy-MM-dd).");
}
