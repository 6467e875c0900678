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

    /// <summary>The invoices of the file and what was left out or adjusted, for the command to say; "today" is the clock's.</summary>
    public static ArHistoryFile ReadFile(TextReader reader) => ReadFile(reader, DateTime.UtcNow.Date);

    /// <summary>
    /// The invoices of the file and what was left out or adjusted. No export is written in the future: an invoice dated
    /// after <paramref name="today"/> is left out (it would move the end of the history, and every open invoice with
    /// it, past due) and a settlement after it is read as not yet made.
    /// </summary>
    public static ArHistoryFile ReadFile(TextReader reader, DateTime today)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var shape = ReadRecords(reader);
        var columns = shape.Columns;
        var records = shape.Records;
        var dates = LedgerDates.Learn(
            records.SelectMany(r => DateColumns.Where(columns.ContainsKey).Select(c => (Field(r, columns, c), r.Line))).Where(f => !LedgerDates.IsNoDate(f.Item1)),
            dayFirst => ImpossibleRows(records, columns, LedgerDates.Assuming(dayFirst)));
        var amountColumns = new[] { ArHistoryColumns.Amount, ArHistoryColumns.PaymentAmount }.Where(columns.ContainsKey).ToList();
        var amounts = LedgerAmounts.Learn(records.SelectMany(r => amountColumns.Select(c => (Field(r, columns, c), r.Line))));
        var items = new OpenItems();
        var payments = new LedgerPayments();
        var creditNotes = new List<int>();
        var credits = new InvoiceCredits();
        var dueBeforeIssue = new List<int>();
        var zeroAmounts = new List<int>();
        var withoutCustomer = new List<int>();
        var withoutInvoiceNumber = new List<int>();
        var notRows = new List<int>();
        var future = new List<int>();
        var settledInFuture = new List<int>();
        var paymentLines = new List<int>();
        var otherTypes = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        var unknownTypes = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        var invoiceShapes = new Dictionary<string, (DateTime InvoiceDate, DateTime DueDate, decimal Amount)>(StringComparer.Ordinal);
        var spellings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var hasDocumentType = columns.ContainsKey(ArHistoryColumns.DocumentType);
        var eachRowAPayment = columns.ContainsKey(ArHistoryColumns.PaymentAmount) && columns.ContainsKey(ArHistoryColumns.SettledDate);
        var hasInvoiceNumbers = columns.ContainsKey(ArHistoryColumns.InvoiceId);
        if (!hasInvoiceNumbers && (eachRowAPayment || hasDocumentType))
        {
            // Payments are tied to their invoices by number: without numbers a payment row or a partial payment would be
            // read as an invoice of its own, which is wrong rather than merely rough.
            throw new BacktestFormatException(
                shape.HeaderLine,
                "the file has no invoice number column, but its " + (eachRowAPayment ? "payment amount" : "document type")
                + " column says payments are rows of their own, which only invoice numbers can tie to their invoices (invoice_id may also be called "
                + ArHistoryColumns.NamesOf(ArHistoryColumns.InvoiceId) + ").");
        }
        foreach (var record in records)
        {
            // A total, a subtotal or a line of text (a footer "Report generated …"): no invoice date, and a total's word
            // or nothing else to go on. Left out and counted instead of refusing the file.
            if (LedgerDates.IsNoDate(Field(record, columns, ArHistoryColumns.InvoiceDate))
                && (record.LooksLikeTotal || record.FilledFields <= 1 || IsMissing(Field(record, columns, ArHistoryColumns.CustomerId))))
            {
                notRows.Add(record.Line);
                continue;
            }

            if (IsMissing(Field(record, columns, ArHistoryColumns.CustomerId)))
            {
                withoutCustomer.Add(record.Line);
                continue;
            }

            var kind = LedgerRowKind.Invoice;
            if (hasDocumentType)
            {
                var type = Field(record, columns, ArHistoryColumns.DocumentType);
                kind = LedgerDocumentTypes.Classify(type);
                var typeName = type.Length > 0 ? type : "(blank)";
                if (kind == LedgerRowKind.Other)
                {
                    Add(otherTypes, typeName, record.Line);
                    continue;
                }

                if (kind == LedgerRowKind.Payment)
                {
                    var payment = PaymentRow(record, columns, dates, amounts, today);
                    if (payment is null)
                    {
                        settledInFuture.Add(record.Line);
                    }
                    else
                    {
                        payments.Add(payment);
                    }

                    continue;
                }

                if (kind == LedgerRowKind.CreditMemo)
                {
                    creditNotes.Add(record.Line);
                    AddCredit(credits, record, columns, amounts);
                    continue;
                }

                if (kind == LedgerRowKind.Unknown)
                {
                    Add(unknownTypes, typeName, record.Line);
                }
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
            var namesAnInvoice = !IsMissing(row.InvoiceId);
            if (!namesAnInvoice)
            {
                withoutInvoiceNumber.Add(record.Line);
                row = row with { InvoiceId = "line " + record.Line.ToString(CultureInfo.InvariantCulture) };
            }

            if (row.Amount < 0)
            {
                creditNotes.Add(record.Line);
                if (namesAnInvoice)
                {
                    AddCredit(credits, record, columns, amounts);
                }

                continue;
            }

            // A zero amount is a voided invoice or a free-of-charge delivery: nothing to pay, so no payment behaviour
            // to learn from; left open it would count as unpaid past due, i.e. late (session 21).
            if (row.Amount == 0)
            {
                zeroAmounts.Add(record.Line);
                continue;
            }

            if (row.DueDate < row.InvoiceDate)
            {
                dueBeforeIssue.Add(record.Line);
                continue;
            }

            if (row.InvoiceDate > today)
            {
                future.Add(record.Line);
                continue;
            }

            if (row.SettledDate > today)
            {
                settledInFuture.Add(record.Line);
                row = row with { SettledDate = null };
            }

            if (eachRowAPayment)
            {
                // Each row is one payment of its invoice: the invoice is the row's figures once, settled by its payments.
                var paid = PaymentAmountOf(record, columns, amounts);
                if (row.SettledDate is { } on && paid is > 0)
                {
                    payments.Add(new LedgerPayment(customer, row.InvoiceId, on, paid.Value, record.Line));
                }

                row = row with { SettledDate = null };
                var key = customer + "\u0001" + row.InvoiceId;
                if (invoiceShapes.TryGetValue(key, out var shapeSeen) && shapeSeen == (row.InvoiceDate, row.DueDate, row.Amount))
                {
                    paymentLines.Add(record.Line);
                    continue;
                }

                invoiceShapes[key] = (row.InvoiceDate, row.DueDate, row.Amount);
            }

            items.Add(row);
        }

        var rowsRead = records.Count;
        var currencies = columns.ContainsKey(ArHistoryColumns.Currency)
            ? records.Select(r => Field(r, columns, ArHistoryColumns.Currency).ToUpperInvariant()).Where(c => c.Length > 0).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList()
            : [];

        // The rows are read: their text is let go before the invoices are replayed.
        records.Clear();
        records.TrimExcess();
        var settling = payments.Count > 0 ? payments.Settle(items.Invoices, CustomerNumber, credits) : null;
        var (invoices, cancelledByCredit) = credits.Apply(settling?.Invoices ?? items.Invoices, CustomerNumber);
        if (hasDocumentType && !columns.ContainsKey(ArHistoryColumns.SettledDate) && payments.Count == 0 && invoices.Count > 0)
        {
            throw new BacktestFormatException(
                1,
                "the file has a document type column but no settlement date and no payment row (types read as payments: Payment, PMT, Receipt, DZ, Zahlung…), so no invoice could be settled; "
                + invoices.Count.ToString(CultureInfo.InvariantCulture) + " invoice row(s) read.");
        }

        // An invoice settled before its invoice date was paid in advance: it counts as paid that day.
        var paidInAdvance = new List<int>();
        var rows = new List<BacktestInvoice>(invoices.Count);
        foreach (var invoice in invoices)
        {
            if (invoice.SettledDate < invoice.InvoiceDate)
            {
                paidInAdvance.Add(invoice.LineNumber);
                rows.Add(invoice with { SettledDate = invoice.InvoiceDate });
            }
            else
            {
                rows.Add(invoice);
            }
        }

        var notes = new List<string>();

        if (shape.Delimiter != ',')
        {
            notes.Add("fields separated by " + LedgerDelimiter.Name(shape.Delimiter) + " (as the header and most rows show)");
        }

        if (shape.Preamble.Count > 0)
        {
            notes.Add(shape.Preamble.Count.ToString(CultureInfo.InvariantCulture) + " line(s) above the header left out (a title or notes: '"
                + Shorten(shape.Preamble[0].Text) + "'); the header is line " + shape.HeaderLine.ToString(CultureInfo.InvariantCulture));
        }

        Note(notes, shape.Rejoined, "amount(s) written with an unquoted thousands comma (1,234.56 split over two fields) joined back into one");
        Note(notes, notRows, "row(s) without an invoice date left out as totals, subtotals or lines of text (a total's word, no customer, or a single field)");
        Note(notes, creditNotes, "credit note(s) (negative amounts" + (hasDocumentType ? " or a credit memo's document type" : string.Empty) + ") left out: they are not invoices a customer pays late or on time");
        Note(notes, cancelledByCredit, "open invoice(s) cancelled by credit notes naming them left out: there is nothing to pay late or on time");
        foreach (var other in otherTypes)
        {
            Note(notes, other.Value, "row(s) of document type '" + other.Key + "' left out: neither an invoice nor a payment");
        }

        foreach (var unknown in unknownTypes)
        {
            Note(notes, unknown.Value, "row(s) of document type '" + unknown.Key + "', a type this reader does not know, read as invoices (negative ones as credit notes)");
        }

        Note(notes, zeroAmounts, "invoice(s) of amount zero (voided, or free of charge) left out: there is nothing to pay late or on time");
        Note(notes, withoutCustomer, "row(s) without a customer left out: no one's history they could belong to");
        Note(notes, withoutInvoiceNumber, "row(s) without an invoice number counted each as an invoice of its own");
        if (!hasInvoiceNumbers && rowsRead > 0)
        {
            notes.Add("the file has no invoice number column: each of its " + rowsRead.ToString(CultureInfo.InvariantCulture)
                + " row(s) counted as an invoice of its own, named by its line (so an invoice written on several lines cannot be told, nor its lines joined)");
        }

        Note(notes, dueBeforeIssue, "row(s) due before their invoice date left out as malformed");
        Note(notes, future, "invoice(s) dated after today (" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ") left out: no outcome is known yet, and they would move the end of the history");
        Note(notes, settledInFuture, "settlement(s) dated after today (" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ") read as not yet made");
        Note(notes, paidInAdvance, "invoice(s) settled before their invoice date counted as paid on their invoice date (paid in advance)");
        Note(notes, items.Repeated, "row(s) repeating an earlier row exactly left out");
        Note(notes, items.Merged, "line(s) of an invoice with the same due date as an earlier line counted with it as one invoice (amounts added, open until every line is settled)");
        Note(notes, items.Installments, "line(s) of an invoice with another due date than its earlier lines counted as an instalment of their own");
        Note(notes, paymentLines, "row(s) repeating an invoice with a payment of their own (the file has a payment amount): the invoice counted once, settled when its payments reach its amount");
        if (settling is not null)
        {
            notes.AddRange(settling.Notes);
        }

        if (spellings.Where(s => s.Value.Count > 1).ToList() is { Count: > 0 } respelled)
        {
            notes.Add(respelled.Count.ToString(CultureInfo.InvariantCulture) + " customer number(s) written more than one way read as one customer each, under its first spelling (leading zeros or a spreadsheet's .0 dropped: "
                + string.Join("; ", respelled.Take(3).Select(s => string.Join(" = ", s.Value)))
                + (respelled.Count > 3 ? "; …" : string.Empty) + ")");
        }

        notes.AddRange(shape.Resembled.Select(r => r + ", whose name resembles it (no header bears one of its names)"));
        notes.AddRange(DerivedColumnNotes(columns));
        if (currencies.Count > 1)
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
            notes.Add("dates read " + dates.Order + " (" + dates.Evidence + ")");
        }

        return new ArHistoryFile(rows, notes) { RowsRead = rowsRead };
    }

    /// <summary>How many rows read in one date order would be due or settled before their invoice date (or hold no date at all).</summary>
    private static int ImpossibleRows(List<Record> records, Dictionary<string, int> columns, LedgerDates dates)
    {
        var impossible = 0;
        foreach (var record in records)
        {
            if (dates.Read(Field(record, columns, ArHistoryColumns.InvoiceDate)) is not { } issued)
            {
                continue;
            }

            foreach (var column in new[] { ArHistoryColumns.DueDate, ArHistoryColumns.SettledDate }.Where(columns.ContainsKey))
            {
                var text = Field(record, columns, column);
                if (!LedgerDates.IsNoDate(text) && (dates.Read(text) is not { } other || other < issued))
                {
                    impossible++;
                    break;
                }
            }
        }

        return impossible;
    }

    private static void Add(SortedDictionary<string, List<int>> byType, string type, int line)
    {
        if (!byType.TryGetValue(type, out var lines))
        {
            byType[type] = lines = [];
        }

        lines.Add(line);
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    /// <summary>
    /// A payment row of a ledger with a document type column: the invoice it names (its applies-to number, else its own
    /// invoice number), its date (the settlement date when the row has one, else its posting date) and its amount
    /// (the payment amount when the file has one, else the row's amount without its sign). Null when dated after today.
    /// </summary>
    /// <summary>A credit note's amount for the invoice it names: its applies-to column when filled, else its invoice number.</summary>
    private static void AddCredit(InvoiceCredits credits, Record record, Dictionary<string, int> columns, LedgerAmounts amounts)
    {
        var applies = columns.ContainsKey(ArHistoryColumns.AppliesTo) ? Field(record, columns, ArHistoryColumns.AppliesTo) : string.Empty;
        var invoice = applies.Length > 0 ? applies : Field(record, columns, ArHistoryColumns.InvoiceId);
        var amount = Field(record, columns, ArHistoryColumns.Amount);
        if (invoice.Length > 0 && amount.Length > 0 && amounts.Read(amount) is { } value)
        {
            credits.Add(CustomerNumber(Text(record, columns, ArHistoryColumns.CustomerId)), invoice, value);
        }
    }

    private static LedgerPayment? PaymentRow(Record record, Dictionary<string, int> columns, LedgerDates dates, LedgerAmounts amounts, DateTime today)
    {
        var customer = CustomerNumber(Text(record, columns, ArHistoryColumns.CustomerId));
        var applies = columns.ContainsKey(ArHistoryColumns.AppliesTo) ? Field(record, columns, ArHistoryColumns.AppliesTo) : string.Empty;
        var invoice = applies.Length > 0 ? applies : Field(record, columns, ArHistoryColumns.InvoiceId);
        var dateColumn = columns.ContainsKey(ArHistoryColumns.SettledDate) && !LedgerDates.IsNoDate(Field(record, columns, ArHistoryColumns.SettledDate))
            ? ArHistoryColumns.SettledDate
            : ArHistoryColumns.InvoiceDate;
        var date = Date(record, columns, dateColumn, dates);
        var amount = PaymentAmountOf(record, columns, amounts) ?? Math.Abs(Amount(record, columns, ArHistoryColumns.Amount, amounts));
        return date > today ? null : new LedgerPayment(customer, invoice, date, Math.Abs(amount), record.Line);
    }

    private static decimal? PaymentAmountOf(Record record, Dictionary<string, int> columns, LedgerAmounts amounts) =>
        columns.ContainsKey(ArHistoryColumns.PaymentAmount) && Field(record, columns, ArHistoryColumns.PaymentAmount).Length > 0
            ? Amount(record, columns, ArHistoryColumns.PaymentAmount, amounts)
            : null;

    private static decimal Amount(Record record, Dictionary<string, int> columns, string column, LedgerAmounts amounts)
    {
        var text = Required(record, columns, column);
        return amounts.Read(text)
            ?? throw new BacktestFormatException(record.Line, column + " '" + text + "' is not a number (use a dot for decimals, no thousands separator).");
    }

    /// <summary>How many records above the header are searched for it (titles, dates, filters a report prints first).</summary>
    private const int HeaderSearch = 30;

    private static readonly System.Text.RegularExpressions.Regex TotalWord = new(
        @"^\W*(grand\s*|sub\s*|zwischen|gesamt)?(total|totals|summe|sum|gesamt|totaal|totale|somme|subtotal|balance)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static FileShape ReadRecords(TextReader reader)
    {
        var delimiter = LedgerDelimiter.Detect(reader, out var text);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            BadDataFound = null,
            HasHeaderRecord = false,
            Delimiter = delimiter.ToString(),
        };
        using var csv = new CsvReader(text, configuration);

        // The header is the first record that names every required column: a report's title, its date or its filters
        // may stand above it.
        var preamble = new List<(string Text, int Line)>();
        string[]? header = null;
        var headerLine = 0;
        Dictionary<string, int>? columns = null;
        List<string> resembled = [];
        (string[] Fields, int Line, List<string> Missing)? closest = null;
        while (header is null && preamble.Count < HeaderSearch && csv.Read())
        {
            if (csv.Parser.Record is not { } fields || fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var located = ArHistoryColumns.Locate(fields, out var missing, out var resembles);
            if (missing.Count == 0)
            {
                header = fields;
                headerLine = csv.Parser.RawRow;
                columns = located;
                resembled = resembles;
            }
            else
            {
                preamble.Add((string.Join(" ", fields.Where(f => f.Length > 0)), csv.Parser.RawRow));
                if (closest is null || missing.Count < closest.Value.Missing.Count)
                {
                    closest = (fields, csv.Parser.RawRow, missing);
                }
            }
        }

        if (header is null || columns is null)
        {
            if (closest is not { } best)
            {
                throw new BacktestFormatException(1, "the file is empty; expected the header '" + BacktestCsv.Header + "'.");
            }

            throw new BacktestFormatException(
                best.Line,
                "the header lacks " + string.Join(", ", best.Missing) + "; expected '" + BacktestCsv.Header + "' but found '" + string.Join(",", best.Fields) + "' ("
                + string.Join("; ", best.Missing.Select(m => m + " may also be called " + ArHistoryColumns.NamesOf(m))) + ")"
                + (preamble.Count > 1 ? " (the closest of the first " + preamble.Count.ToString(CultureInfo.InvariantCulture) + " lines)" : string.Empty) + ".");
        }

        // Only the columns read are kept, so a wide export costs no more memory than a narrow one.
        var kept = columns.Values.Distinct().Order().ToArray();
        var slots = columns.ToDictionary(c => c.Key, c => Array.IndexOf(kept, c.Value), StringComparer.Ordinal);
        var amountIndex = columns[ArHistoryColumns.Amount];
        var records = new List<Record>();
        var rejoined = new List<int>();

        // Customers, dates, flags and types repeat from row to row: one string each, not one per row, so a file of a
        // million rows holds its dates a few thousand times rather than three million.
        var unique = new HashSet<int> { columns[ArHistoryColumns.Amount] };
        if (columns.TryGetValue(ArHistoryColumns.InvoiceId, out var invoiceIndex))
        {
            unique.Add(invoiceIndex);
        }

        var pooled = kept.Select(index => !unique.Contains(index)).ToArray();
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            if (csv.Parser.Record is not { } fields || fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var line = csv.Parser.RawRow;
            if (delimiter == ',' && fields.Length > header.Length && Rejoin(fields, header.Length, amountIndex) is { } whole)
            {
                fields = whole;
                rejoined.Add(line);
            }

            var values = new string?[kept.Length];
            for (var i = 0; i < kept.Length; i++)
            {
                values[i] = kept[i] < fields.Length ? (pooled[i] ? Pool(pool, fields[kept[i]]) : fields[kept[i]]) : null;
            }

            records.Add(new Record(values, line, fields.Count(f => f.Length > 0), fields.Any(f => TotalWord.IsMatch(f))));
        }

        return new FileShape(slots, records, resembled, delimiter, preamble, headerLine, rejoined);
    }

    private static string Pool(Dictionary<string, string> pool, string text)
    {
        if (pool.TryGetValue(text, out var same))
        {
            return same;
        }

        // A column that turns out not to repeat (a free-text one) stops growing the pool past a bound.
        if (pool.Count < 200_000)
        {
            pool[text] = text;
        }

        return text;
    }

    /// <summary>
    /// A comma-separated row whose amount was written with an unquoted thousands comma (<c>1,234.56</c> becomes the
    /// fields <c>1</c> and <c>234.56</c>): the row has more fields than the header, and the amount's field and the ones
    /// after it read as a figure and groups of three digits. Joined back; any other surplus is left as it is.
    /// </summary>
    private static string[]? Rejoin(string[] fields, int width, int amountIndex)
    {
        var extra = fields.Length - width;
        if (amountIndex + extra >= fields.Length || !LeadingGroup.IsMatch(fields[amountIndex]))
        {
            return null;
        }

        for (var i = 1; i <= extra; i++)
        {
            if (!(i < extra ? MiddleGroup : LastGroup).IsMatch(fields[amountIndex + i]))
            {
                return null;
            }
        }

        var joined = new List<string>(width);
        joined.AddRange(fields.Take(amountIndex));
        joined.Add(string.Join(",", fields.Skip(amountIndex).Take(extra + 1)));
        joined.AddRange(fields.Skip(amountIndex + extra + 1));
        return [.. joined];
    }

    private static readonly System.Text.RegularExpressions.Regex LeadingGroup = new(@"^[-(]?\s*[$€£]?\s*\d{1,3}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private static readonly System.Text.RegularExpressions.Regex MiddleGroup = new(@"^\d{3}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private static readonly System.Text.RegularExpressions.Regex LastGroup = new(@"^\d{3}(\.\d{1,4})?\)?-?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static BacktestInvoice ParseRow(Record record, Dictionary<string, int> columns, LedgerDates dates, LedgerAmounts amounts)
    {
        var line = record.Line;
        var customer = Text(record, columns, ArHistoryColumns.CustomerId);
        // Without an invoice number column each row is an invoice of its own, named by its line (said once by the caller).
        var invoice = columns.ContainsKey(ArHistoryColumns.InvoiceId)
            ? Required(record, columns, ArHistoryColumns.InvoiceId)
            : "line " + line.ToString(CultureInfo.InvariantCulture);
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
            // A data frame writes a flag column as floats (1.0 / 0.0); German and French exports write ja / oui.
            "true" or "1" or "1.0" or "t" or "yes" or "y" or "x" or "ja" or "j" or "oui" => true,
            "false" or "0" or "0.0" or "f" or "no" or "n" or "nein" or "non" or "-" or "" => false,
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

        if (!columns.ContainsKey(ArHistoryColumns.DaysToSettle) && !columns.ContainsKey(ArHistoryColumns.DaysLate))
        {
            return null;
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

        if (!columns.ContainsKey(ArHistoryColumns.SettledDate) && (columns.ContainsKey(ArHistoryColumns.DaysToSettle) || columns.ContainsKey(ArHistoryColumns.DaysLate)))
        {
            yield return columns.ContainsKey(ArHistoryColumns.DaysToSettle)
                ? "settlement dates taken as invoice date + " + ArHistoryColumns.DaysToSettle + " (the file has no settlement date; empty = open)"
                : "settlement dates taken as due date + " + ArHistoryColumns.DaysLate + " (the file has no settlement date; empty = open; a file that writes early payments as 0 reads them as paid on the due date)";
        }
    }

    /// <summary>A whole number of days (<c>13</c>, <c>-4</c>, a spreadsheet's <c>13.0</c>), or null when the field is empty.</summary>
    private static int? Days(Record record, Dictionary<string, int> columns, string column, Func<string, int?> parse)
    {
        // Only an empty field (or a data frame's NaN, a database's NULL, a dash) is "no value" here: a 0 that a date
        // column writes for "no date" is a count of days in this one (paid on the due date, terms due at once).
        var text = Required(record, columns, column);
        if (IsMissing(text) || text == "-")
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
        columns.TryGetValue(column, out var slot) ? record.Fields[slot]?.Trim() ?? string.Empty : string.Empty;

    private static string Required(Record record, Dictionary<string, int> columns, string column) =>
        record.Fields[columns[column]] is { } value
            ? value.Trim()
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

    /// <summary>One row under the header: the fields of the columns read (null where the row stops short), where, and what it looks like.</summary>
    private sealed record Record(string?[] Fields, int Line, int FilledFields, bool LooksLikeTotal);

    /// <summary>The file as found: its columns (slots in each record), rows, separator and what stood above the header.</summary>
    private sealed record FileShape(
        Dictionary<string, int> Columns,
        List<Record> Records,
        List<string> Resembled,
        char Delimiter,
        List<(string Text, int Line)> Preamble,
        int HeaderLine,
        List<int> Rejoined);
}

/// <summary>A ledger file as read: its invoices, and each kind of row left out or adjusted with how many and where.</summary>
public sealed record ArHistoryFile(IReadOnlyList<BacktestInvoice> Invoices, IReadOnlyList<string> Notes)
{
    /// <summary>How many rows the file holds under its header (blank lines aside).</summary>
    public int RowsRead { get; init; }

    /// <summary>
    /// Opens <paramref name="file"/> in its encoding (<see cref="LedgerEncoding"/>), reads it and tells
    /// <paramref name="error"/> how it was read, prefixed <c>command: name:</c>.
    /// </summary>
    public static IReadOnlyList<BacktestInvoice> Read(FileInfo file, string command, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(error);
        using var reader = LedgerEncoding.Open(file, out var encoding);
        if (encoding is not null)
        {
            error.WriteLine(command + ": " + file.Name + ": " + encoding);
        }

        return Read(reader, command, file.Name, error);
    }

    /// <summary>Reads <paramref name="file"/> and tells <paramref name="error"/> what was left out or adjusted, prefixed <c>command: name:</c>.</summary>
    public static IReadOnlyList<BacktestInvoice> Read(TextReader reader, string command, string file, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var read = ArHistoryCsv.ReadFile(reader);
        error.WriteLine(command + ": " + file + ": " + read.RowsRead.ToString(CultureInfo.InvariantCulture) + " row(s) read under the header, "
            + read.Invoices.Count.ToString(CultureInfo.InvariantCulture) + " invoice(s) kept" + (read.Notes.Count > 0 ? "; how, below" : string.Empty));
        foreach (var note in read.Notes)
        {
            error.WriteLine(command + ": " + file + ": " + note);
        }

        return read.Invoices;
    }
}
