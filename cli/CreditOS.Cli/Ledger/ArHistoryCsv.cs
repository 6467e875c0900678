using System.Globalization;
using CreditOS.CreditEngine.Backtesting;
using CsvHelper;
using CsvHelper.Configuration;

namespace CreditOS.Cli.Ledger;

/// <summary>
/// Reads an accounts-receivable history CSV with CsvHelper. The columns (<see cref="ArHistoryColumns"/>):
/// <c>customer_id,invoice_id,invoice_date,due_date,amount,settled_date</c> and optionally <c>disputed</c>, in any order,
/// under their own names or the names ERP exports and public samples give them; quoted fields allowed (so a customer
/// name with a comma survives), separated by commas, semicolons, tabs or bars; dates and amounts as exports write them,
/// read in the one date order and decimal mark the file shows (<see cref="LedgerDates"/>, <see cref="LedgerAmounts"/>);
/// <c>disputed</c> true/false/1/0/yes/no/X (empty = false); <c>settled_date</c> empty (or NULL, N/A…) while unpaid; an
/// invoice on several lines read as exports mean it (<see cref="OpenItems"/>).
/// A real ledger's rows that are not invoices to predict are left out and counted, not refused
/// (<see cref="ArHistoryFile.Notes"/>): credit notes (negative amounts) and rows due before they were issued; an invoice
/// settled before its invoice date was paid in advance and counts as paid that day. Anything else malformed fails with
/// <see cref="BacktestFormatException"/> naming its line.
/// </summary>
public static class ArHistoryCsv
{
    private static readonly string[] DateColumns = [ArHistoryColumns.InvoiceDate, ArHistoryColumns.DueDate, ArHistoryColumns.SettledDate];

    /// <summary>The invoices of the file (what every command replays).</summary>
    public static IReadOnlyList<BacktestInvoice> Read(TextReader reader) => ReadFile(reader).Invoices;

    /// <summary>The invoices of the file and what was left out or adjusted, for the command to say.</summary>
    public static ArHistoryFile ReadFile(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (columns, records, resembled) = ReadRecords(reader);
        var dates = LedgerDates.Learn(records.SelectMany(r => DateColumns.Where(columns.ContainsKey).Select(c => (Field(r, columns, c), r.Line))).Where(f => !LedgerDates.IsNoDate(f.Item1)));
        var amounts = LedgerAmounts.Learn(records.Select(r => (Field(r, columns, ArHistoryColumns.Amount), r.Line)));
        var rows = new List<BacktestInvoice>();
        var items = new OpenItems();
        var creditNotes = new List<int>();
        var dueBeforeIssue = new List<int>();
        var paidInAdvance = new List<int>();
        var withoutCustomer = new List<int>();
        var withoutInvoiceNumber = new List<int>();
        var spellings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (IsMissing(Field(record, columns, ArHistoryColumns.CustomerId)))
            {
                withoutCustomer.Add(record.Line);
                continue;
            }

            var row = ParseRow(record, columns, dates, amounts);
            // One customer under its first spelling, however else the export writes its number.
            var customer = CustomerNumber(row.CustomerId);
            if (!spellings.TryGetValue(customer, out var spelled))
            {
                spellings[customer] = spelled = [row.CustomerId];
            }
            else if (!spelled.Contains(row.CustomerId))
            {
                spelled.Add(row.CustomerId);
            }

            row = row with { CustomerId = spelled[0] };
            if (IsMissing(row.InvoiceId))
            {
                withoutInvoiceNumber.Add(record.Line);
                row = row with { InvoiceId = "line " + record.Line.ToString(CultureInfo.InvariantCulture) };
            }

            if (row.Amount < 0)
            {
                creditNotes.Add(record.Line);
                continue;
            }

            if (row.DueDate < row.InvoiceDate)
            {
                dueBeforeIssue.Add(record.Line);
                continue;
            }

            if (row.SettledDate < row.InvoiceDate)
            {
                paidInAdvance.Add(record.Line);
                row = row with { SettledDate = row.InvoiceDate };
            }

            items.Add(row);
        }

        rows.AddRange(items.Invoices);
        var notes = new List<string>();
        Note(notes, creditNotes, "credit note(s) (negative amounts) left out: they are not invoices a customer pays late or on time");
        Note(notes, withoutCustomer, "row(s) without a customer left out: no one's history they could belong to");
        Note(notes, withoutInvoiceNumber, "row(s) without an invoice number counted each as an invoice of its own");
        Note(notes, dueBeforeIssue, "row(s) due before their invoice date left out as malformed");
        Note(notes, paidInAdvance, "invoice(s) settled before their invoice date counted as paid on their invoice date (paid in advance)");
        Note(notes, items.Repeated, "row(s) repeating an earlier row exactly left out");
        Note(notes, items.Merged, "line(s) of an invoice with the same due date as an earlier line counted with it as one invoice (amounts added, open until every line is settled)");
        Note(notes, items.Installments, "line(s) of an invoice with another due date than its earlier lines counted as an instalment of their own");
        if (spellings.Where(s => s.Value.Count > 1).ToList() is { Count: > 0 } respelled)
        {
            notes.Add(respelled.Count.ToString(CultureInfo.InvariantCulture) + " customer number(s) written more than one way read as one customer each, under its first spelling (leading zeros or a spreadsheet's .0 dropped: "
                + string.Join("; ", respelled.Take(3).Select(s => string.Join(" = ", s.Value)))
                + (respelled.Count > 3 ? "; …" : string.Empty) + ")");
        }

        notes.AddRange(resembled.Select(r => r + ", whose name resembles it (no header bears one of its names)"));
        notes.AddRange(DerivedColumnNotes(columns));
        if (columns.ContainsKey(ArHistoryColumns.Currency)
            && records.Select(r => Field(r, columns, ArHistoryColumns.Currency).ToUpperInvariant()).Where(c => c.Length > 0).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList() is { Count: > 1 } currencies)
        {
            notes.Add("amounts in " + currencies.Count.ToString(CultureInfo.InvariantCulture) + " currencies (" + string.Join(", ", currencies.Take(5))
                + ") read as they are, unconverted: figures weighted by amount mix them; the counts and days do not");
        }

        if (amounts.DecimalMark == ',')
        {
            notes.Add("amounts read with a decimal comma (as every amount in the file that can tell shows)");
        }

        if (dates.Order != "ISO")
        {
            notes.Add("dates read " + dates.Order + " (as every date in the file that can tell shows)");
        }

        return new ArHistoryFile(rows, notes);
    }

    private static (Dictionary<string, int> Columns, List<Record> Records, List<string> Resembled) ReadRecords(TextReader reader)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            BadDataFound = null,
            HasHeaderRecord = false,

            // Exports from European ERPs and spreadsheets separate fields with semicolons or tabs.
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t", "|"],
        };
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || csv.Parser.Record is not { } header)
        {
            throw new BacktestFormatException(1, "the file is empty; expected the header '" + BacktestCsv.Header + "'.");
        }

        var columns = ArHistoryColumns.Locate(header, out var missing, out var resembled);
        if (missing.Count > 0)
        {
            throw new BacktestFormatException(
                1,
                "the header lacks " + string.Join(", ", missing) + "; expected '" + BacktestCsv.Header + "' but found '" + string.Join(",", header) + "' ("
                + string.Join("; ", missing.Select(m => m + " may also be called " + ArHistoryColumns.NamesOf(m))) + ").");
        }

        var records = new List<Record>();
        while (csv.Read())
        {
            if (csv.Parser.Record is { } fields && !fields.All(string.IsNullOrWhiteSpace))
            {
                records.Add(new Record([.. fields], csv.Parser.RawRow));
            }
        }

        return (columns, records, resembled);
    }

    private static BacktestInvoice ParseRow(Record record, Dictionary<string, int> columns, LedgerDates dates, LedgerAmounts amounts)
    {
        var line = record.Line;
        var customer = Text(record, columns, ArHistoryColumns.CustomerId);
        var invoice = Required(record, columns, ArHistoryColumns.InvoiceId);
        var invoiceDate = Date(record, columns, ArHistoryColumns.InvoiceDate, dates);
        var dueDate = columns.ContainsKey(ArHistoryColumns.DueDate)
            ? Date(record, columns, ArHistoryColumns.DueDate, dates)
            : invoiceDate.AddDays(Days(record, columns, ArHistoryColumns.TermsDays, TermsDays) ?? throw new BacktestFormatException(line, ArHistoryColumns.TermsDays + " is empty (the file has no due date, so the terms must say it)."));
        var amountText = Required(record, columns, ArHistoryColumns.Amount);
        var amount = amounts.Read(amountText)
            ?? throw new BacktestFormatException(line, "amount '" + amountText + "' is not a number (use a dot for decimals, no thousands separator).");
        var settled = Settled(record, columns, dates, invoiceDate, dueDate);
        var disputedText = columns.ContainsKey(ArHistoryColumns.Disputed) ? Field(record, columns, ArHistoryColumns.Disputed) : string.Empty;
        var disputed = disputedText.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "y" or "x" => true,
            "false" or "0" or "no" or "n" or "" => false,
            _ => throw new BacktestFormatException(line, "disputed must be true or false, found '" + disputedText + "'."),
        };

        return new BacktestInvoice(customer, invoice, invoiceDate, dueDate, amount, settled, disputed, line);
    }

    /// <summary>
    /// A customer number as one customer: a number written with leading zeros (SAP's <c>0200769623</c>) or as a
    /// spreadsheet's float (<c>200769623.0</c>) is the same customer as <c>200769623</c>, and one export often holds
    /// both spellings. Anything that is not all digits is kept exactly as written.
    /// </summary>
    private static string CustomerNumber(string id)
    {
        var digits = id.EndsWith(".0", StringComparison.Ordinal) ? id[..^2] : id;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? (digits.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0")
            : id;
    }

    /// <summary>What a data frame or a database writes for "no value" in a text column (an empty cell, NaN, NULL).</summary>
    private static bool IsMissing(string text) =>
        text.Trim().ToLowerInvariant() is "" or "nan" or "null" or "none" or "n/a" or "#n/a" or "na";

    /// <summary>
    /// When the invoice was settled: the file's settlement date, or else the invoice date plus the days it took to
    /// settle, or else the due date plus the days it was paid late; null while open (an empty field).
    /// </summary>
    private static DateTime? Settled(Record record, Dictionary<string, int> columns, LedgerDates dates, DateTime invoiceDate, DateTime dueDate)
    {
        if (columns.ContainsKey(ArHistoryColumns.SettledDate))
        {
            var text = Required(record, columns, ArHistoryColumns.SettledDate);
            return LedgerDates.IsNoDate(text) ? null : Date(record, columns, ArHistoryColumns.SettledDate, dates);
        }

        return columns.ContainsKey(ArHistoryColumns.DaysToSettle)
            ? Days(record, columns, ArHistoryColumns.DaysToSettle, WholeNumber) is { } toSettle ? invoiceDate.AddDays(toSettle) : null
            : Days(record, columns, ArHistoryColumns.DaysLate, WholeNumber) is { } late ? dueDate.AddDays(late) : null;
    }

    /// <summary>What the file's columns stand in for, said once so a reader knows the dates were derived.</summary>
    private static IEnumerable<string> DerivedColumnNotes(Dictionary<string, int> columns)
    {
        if (!columns.ContainsKey(ArHistoryColumns.DueDate))
        {
            yield return "due dates taken as invoice date + " + ArHistoryColumns.TermsDays + " (the file has no due date)";
        }

        if (!columns.ContainsKey(ArHistoryColumns.SettledDate))
        {
            yield return columns.ContainsKey(ArHistoryColumns.DaysToSettle)
                ? "settlement dates taken as invoice date + " + ArHistoryColumns.DaysToSettle + " (the file has no settlement date; empty = open)"
                : "settlement dates taken as due date + " + ArHistoryColumns.DaysLate + " (the file has no settlement date; empty = open; a file that writes early payments as 0 reads them as paid on the due date)";
        }
    }

    /// <summary>A whole number of days (<c>13</c>, <c>-4</c>, a spreadsheet's <c>13.0</c>), or null when the field is empty.</summary>
    private static int? Days(Record record, Dictionary<string, int> columns, string column, Func<string, int?> parse)
    {
        var text = Required(record, columns, column);
        if (LedgerDates.IsNoDate(text))
        {
            return null;
        }

        return parse(text) is { } days && Math.Abs(days) <= 3660
            ? days
            : throw new BacktestFormatException(record.Line, column + " '" + text + "' is not a number of days.");
    }

    private static int? WholeNumber(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value == decimal.Truncate(value)
            ? (int)Math.Clamp(value, int.MinValue, int.MaxValue)
            : null;

    /// <summary>
    /// Terms as written: <c>30</c>, <c>Net 30</c>, <c>NET30</c>, <c>N30</c>, <c>2/10 net 30</c>, <c>30 days</c>,
    /// <c>Net 30 EOM</c>. A code that only holds a number (<c>NAH4</c>, <c>ZB30</c>) is not read as days: its meaning
    /// is the ERP's, and a wrong guess would move every due date.
    /// </summary>
    private static int? TermsDays(string text) =>
        WholeNumber(text) ?? (TermsPattern.Match(text.Trim()) is { Success: true } match
            ? int.Parse(match.Groups["days"].Value, CultureInfo.InvariantCulture)
            : null);

    private static readonly System.Text.RegularExpressions.Regex TermsPattern = new(
        @"^(?:.*\bnet\s*|n)?(?<days>\d{1,3})(?:\s*days?)?(?:\s*eom)?$",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static void Note(List<string> notes, List<int> lines, string what)
    {
        if (lines.Count > 0)
        {
            notes.Add(lines.Count.ToString(CultureInfo.InvariantCulture) + " " + what + " (line" + (lines.Count > 1 ? "s " : " ")
                + string.Join(", ", lines.Take(5)) + (lines.Count > 5 ? ", …" : string.Empty) + ")");
        }
    }

    /// <summary>The field, empty when the row is shorter than the header (the callers say which are required).</summary>
    private static string Field(Record record, Dictionary<string, int> columns, string column) =>
        columns[column] < record.Fields.Length ? record.Fields[columns[column]].Trim() : string.Empty;

    private static string Required(Record record, Dictionary<string, int> columns, string column) =>
        columns[column] < record.Fields.Length
            ? record.Fields[columns[column]].Trim()
            : throw new BacktestFormatException(record.Line, "the row has no " + column + " field (expected the columns " + BacktestCsv.Header + ").");

    private static string Text(Record record, Dictionary<string, int> columns, string column)
    {
        var value = Required(record, columns, column);
        return value.Length > 0 ? value : throw new BacktestFormatException(record.Line, column + " is empty.");
    }

    private static DateTime Date(Record record, Dictionary<string, int> columns, string column, LedgerDates dates)
    {
        var text = Required(record, columns, column);
        return dates.Read(text)
            ?? throw new BacktestFormatException(record.Line, column + " '" + text + "' is not a date (write yyyy-MM-dd" + (dates.Order == "ISO" ? string.Empty : ", or " + dates.Order + " as the rest of the file") + ").");
    }

    private sealed record Record(string[] Fields, int Line);
}

/// <summary>A ledger file as read: its invoices, and each kind of row left out or adjusted with how many and where.</summary>
public sealed record ArHistoryFile(IReadOnlyList<BacktestInvoice> Invoices, IReadOnlyList<string> Notes)
{
    /// <summary>Reads <paramref name="file"/> and tells <paramref name="error"/> what was left out or adjusted, prefixed <c>command: name:</c>.</summary>
    public static IReadOnlyList<BacktestInvoice> Read(TextReader reader, string command, string file, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var read = ArHistoryCsv.ReadFile(reader);
        foreach (var note in read.Notes)
        {
            error.WriteLine(command + ": " + file + ": " + note);
        }

        return read.Invoices;
    }
}
