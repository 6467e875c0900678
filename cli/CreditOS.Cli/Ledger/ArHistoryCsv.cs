using System.Globalization;
using CreditOS.CreditEngine.Backtesting;
using CsvHelper;
using CsvHelper.Configuration;

namespace CreditOS.Cli.Ledger;

/// <summary>
/// Reads an accounts-receivable history CSV with CsvHelper: header
/// <c>customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed</c> (any column order, any case,
/// surrounding spaces ignored), ISO dates (yyyy-MM-dd), dot decimals, quoted fields allowed (so a customer name with a
/// comma survives), <c>disputed</c> true/false/1/0/yes/no (empty = false), <c>settled_date</c> empty while unpaid.
/// A malformed row fails with <see cref="BacktestFormatException"/> naming its line.
/// </summary>
public static class ArHistoryCsv
{
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly string[] Columns = BacktestCsv.Header.Split(',');

    public static IReadOnlyList<BacktestInvoice> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().TrimStart('\uFEFF').ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            BadDataFound = null,
        };
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read())
        {
            throw new BacktestFormatException(1, "the file is empty; expected the header '" + BacktestCsv.Header + "'.");
        }

        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        var missing = Columns.Where(c => !header.Any(h => string.Equals(h.Trim().TrimStart('\uFEFF'), c, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count > 0)
        {
            throw new BacktestFormatException(1, "the header lacks " + string.Join(", ", missing) + "; expected '" + BacktestCsv.Header + "' but found '" + string.Join(",", header) + "'.");
        }

        var rows = new List<BacktestInvoice>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var row = ParseRow(csv, line);
            if (!seen.Add(row.CustomerId + "\u0001" + row.InvoiceId))
            {
                throw new BacktestFormatException(line, "invoice '" + row.InvoiceId + "' of customer '" + row.CustomerId + "' appears more than once.");
            }

            rows.Add(row);
        }

        return rows;
    }

    private static BacktestInvoice ParseRow(CsvReader csv, int line)
    {
        var customer = Text(csv, "customer_id", line);
        var invoice = Text(csv, "invoice_id", line);
        var invoiceDate = Date(Field(csv, "invoice_date", line), "invoice_date", line);
        var dueDate = Date(Field(csv, "due_date", line), "due_date", line);
        var amountText = Field(csv, "amount", line);
        if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            throw new BacktestFormatException(line, "amount '" + amountText + "' is not a number (use a dot for decimals, no thousands separator).");
        }

        if (amount < 0)
        {
            throw new BacktestFormatException(line, "amount " + amountText + " is negative; credit notes are not supported in the backtest.");
        }

        if (dueDate < invoiceDate)
        {
            throw new BacktestFormatException(line, "due_date " + Iso(dueDate) + " is before invoice_date " + Iso(invoiceDate) + ".");
        }

        var settledText = Field(csv, "settled_date", line);
        DateTime? settled = settledText.Length == 0 ? null : Date(settledText, "settled_date", line);
        if (settled < invoiceDate)
        {
            throw new BacktestFormatException(line, "settled_date " + settledText + " is before invoice_date " + Iso(invoiceDate) + ".");
        }

        var disputedText = Field(csv, "disputed", line);
        var disputed = disputedText.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" or "" => false,
            _ => throw new BacktestFormatException(line, "disputed must be true or false, found '" + disputedText + "'."),
        };

        return new BacktestInvoice(customer, invoice, invoiceDate, dueDate, amount, settled, disputed, line);
    }

    private static string Field(CsvReader csv, string column, int line)
    {
        try
        {
            return (csv.GetField(column) ?? string.Empty).Trim();
        }
        catch (CsvHelperException)
        {
            throw new BacktestFormatException(line, "the row has no " + column + " field (expected the columns " + BacktestCsv.Header + ").");
        }
    }

    private static string Text(CsvReader csv, string column, int line)
    {
        var value = Field(csv, column, line);
        return value.Length > 0 ? value : throw new BacktestFormatException(line, column + " is empty.");
    }

    private static DateTime Date(string field, string column, int line) =>
        DateTime.TryParseExact(field, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new BacktestFormatException(line, column + " '" + field + "' is not an ISO date (yyyy-MM-dd).");

    private static string Iso(DateTime date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);
}
