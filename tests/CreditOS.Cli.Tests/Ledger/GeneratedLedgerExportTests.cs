using System.Globalization;
using System.Text;
using CreditOS.Cli.Commands;
using CreditOS.Cli.Ledger;
using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Samples;

namespace CreditOS.Cli.Tests.Ledger;

/// <summary>
/// Session 21: one generated ledger written the ways people export it (separators, encodings, date and amount styles,
/// terms instead of due dates, one row per payment, credit notes beside the invoices), each run through
/// <c>creditos backtest</c> and <c>creditos calibrate</c> as a file. The same invoices must give the same report to
/// the character (same counts, baselines and AUC), and the reader must say how it read the file; a silently different
/// AUC is the failure these tests look for.
/// </summary>
public sealed class GeneratedLedgerExportTests
{
    // Written out rather than taken from a culture, so the test does not depend on the machine's ICU data.
    private static readonly NumberFormatInfo German = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };
    private static readonly NumberFormatInfo French = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = " " };

    /// <summary>Mixed terms (net 15 to 60), disputes, open and unpaid items, two years: the drifting generator, small.</summary>
    private static readonly IReadOnlyList<BacktestInvoice> Ledger = BacktestCsv.FromHistories(
        DriftingTermsPortfolioGenerator.Generate(DriftingTermsPortfolioGenerator.DefaultOptions with { Customers = 24, Months = 24 }));

    private static readonly Lazy<string> CanonicalReport = new(() => Backtest(Canonical(), out _, out _));

    public static TheoryData<string> Exports => new(ExportStyles.Keys);

    [Theory]
    [MemberData(nameof(Exports))]
    public void EveryExportOfTheSameInvoices_GivesTheSameBacktestReport(string export)
    {
        var (bytes, said) = ExportStyles[export]();

        var report = Backtest(bytes, out var exit, out var error);

        Assert.True(exit == ExitCodes.Succeeded, error);
        Assert.Equal(CanonicalReport.Value, report);
        Assert.Contains("row(s) read under the header, " + Ledger.Count + " invoice(s) kept", error, StringComparison.Ordinal);
        foreach (var note in said)
        {
            Assert.Contains(note, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("german-semicolons-bom")]
    [InlineData("iso-with-zones")]
    public void CalibrateOnAnExport_FitsWhatItFitsOnTheCanonicalFile(string export)
    {
        var canonical = Calibrate(Canonical(), out var canonicalExit, out _);
        var exported = Calibrate(ExportStyles[export]().Bytes, out var exit, out var error);

        Assert.Equal(ExitCodes.Succeeded, canonicalExit);
        Assert.True(exit == ExitCodes.Succeeded, error);
        Assert.Matches(@"^walk_forward_auc=0\.\d{3}$", exported[^1]);
        Assert.Equal(canonical, exported);
    }

    [Fact]
    public void MidnightInAZoneEastOfUtc_IsTheDayTheInvoiceBears_NotTheDayBefore()
    {
        // Paris midnight is 23:00 UTC the day before; paid at 15:00 on the due date is on time, not a day early or late.
        var file = Read("customer,invoice,invoice date,due date,amount,paid date\n"
            + "C1,I1,2024-03-01T00:00:00+01:00,2024-03-31T00:00:00+02:00,100.00,2024-03-31T15:00:00+02:00\n"
            + "C1,I2,2024-04-01 00:00:00+02,2024-05-01 00:00:00+02,100.00,2024-05-02 09:30:00 UTC\n"
            + "C1,I3,2024-05-01T23:30:00-05:00,2024-05-31T23:30:00-05:00,100.00,2024-05-31T23:59:59.123456789Z\n");

        Assert.Equal(
            [(new DateTime(2024, 3, 1), new DateTime(2024, 3, 31), (DateTime?)new DateTime(2024, 3, 31)),
             (new DateTime(2024, 4, 1), new DateTime(2024, 5, 1), new DateTime(2024, 5, 2)),
             (new DateTime(2024, 5, 1), new DateTime(2024, 5, 31), new DateTime(2024, 5, 31))],
            file.Invoices.Select(i => (i.InvoiceDate, i.DueDate, i.SettledDate)));
    }

    [Fact]
    public void ZeroAmountInvoices_AreLeftOutAndSaid_NotCountedAsUnpaidAndLate()
    {
        var file = Read("customer,invoice,invoice date,due date,amount,paid date\n"
            + "C1,I1,2024-01-02,2024-02-01,100.00,2024-01-30\n"
            + "C1,V1,2024-01-05,2024-02-04,0.00,\n"
            + "C1,I2,2024-02-02,2024-03-03,0,2024-03-01\n");

        Assert.Equal(["I1"], file.Invoices.Select(i => i.InvoiceId));
        Assert.Contains("2 invoice(s) of amount zero (voided, or free of charge) left out: there is nothing to pay late or on time (lines 3, 4)", file.Notes);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00 }, "an Excel workbook (.xlsx)")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00 }, "an Excel 97-2003 workbook (.xls)")]
    public void AWorkbookHandedOverInsteadOfACsv_IsRefusedSayingWhatToSaveItAs(byte[] head, string kind)
    {
        byte[] bytes = [.. head, .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7))];

        var backtest = Backtest(bytes, out var backtestExit, out var backtestError);
        var calibrate = Calibrate(bytes, out var calibrateExit, out var calibrateError);

        Assert.Equal((ExitCodes.MalformedInput, ExitCodes.MalformedInput), (backtestExit, calibrateExit));
        Assert.Empty(backtest);
        Assert.Empty(calibrate);
        Assert.Contains("Line 1: the file is " + kind, backtestError, StringComparison.Ordinal);
        Assert.Contains("save the ledger sheet as CSV", calibrateError, StringComparison.Ordinal);
    }

    [Fact]
    public void CalibrateIntoAFolderThatDoesNotExist_IsRefusedBeforeTheFit_WithoutAStackTrace()
    {
        var path = TempFile(Canonical());
        var missing = Path.Combine(Path.GetTempPath(), "creditos-missing-" + Guid.NewGuid().ToString("N"), "rules.json");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = CalibrateCommand.Run(new FileInfo(path), new FileInfo(missing), output, error);

            Assert.Equal(ExitCodes.MalformedInput, exit);
            Assert.Equal(string.Empty, output.ToString());
            Assert.Contains("the folder " + Path.GetDirectoryName(missing) + " does not exist", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Ledgers whose shape, not format, is unusual: twelve years of one customer, no late invoice, every invoice late.
    /// Both commands end with their contract's last line, a number where one is defined and n/a with the reason where not.
    /// </summary>
    [Theory]
    [InlineData("one-customer-twelve-years", true)]
    [InlineData("none-late", false)]
    [InlineData("all-late", false)]
    public void UnusualLedgers_EndWithTheContractsLastLine_ANumberOrNaWithTheReason(string shape, bool aucDefined)
    {
        var invoices = UnusualLedger(shape);
        var bytes = Utf8(Csv(invoices));

        var backtest = Backtest(bytes, out var backtestExit, out var backtestError).TrimEnd('\n').Split('\n');
        var calibrate = Calibrate(bytes, out var calibrateExit, out var calibrateError);

        Assert.True(backtestExit == ExitCodes.Succeeded, backtestError);
        Assert.True(calibrateExit == ExitCodes.Succeeded, calibrateError);
        Assert.Matches(aucDefined ? @"^auc=0\.\d{3}$" : "^auc=n/a$", backtest[^1]);
        Assert.Matches(aucDefined ? @"^walk_forward_auc=0\.\d{3}$" : "^walk_forward_auc=n/a$", calibrate[^1]);
        if (!aucDefined)
        {
            Assert.Contains(backtest, l => l.StartsWith("auc undefined: ", StringComparison.Ordinal));
            Assert.Contains(calibrate, l => l.StartsWith("auc undefined: ", StringComparison.Ordinal));
        }
    }

    private static IReadOnlyList<BacktestInvoice> UnusualLedger(string shape)
    {
        var invoices = new List<BacktestInvoice>();
        var start = new DateTime(2012, 1, 3);
        var months = shape == "one-customer-twelve-years" ? 144 : 30;
        for (var i = 0; i < months * 2; i++)
        {
            var issued = start.AddDays(i * 15);
            var due = issued.AddDays(30);

            // The long one's lateness swings with a four-year cycle, so its own history tells something.
            var daysVsDue = shape switch
            {
                "none-late" => -(i % 7),
                "all-late" => 1 + (i % 20),
                _ => (int)Math.Round(12 * Math.Sin(i / 16.0)) + (i % 5) - 2,
            };
            invoices.Add(new BacktestInvoice(shape == "one-customer-twelve-years" ? "ONLY" : "C" + (i % 9).ToString(CultureInfo.InvariantCulture), "I" + i.ToString(CultureInfo.InvariantCulture), issued, due, 100 + (i % 13), due.AddDays(daysVsDue), false, 0));
        }

        return invoices;
    }

    /// <summary>Each export: its bytes and what the reader must say about it on the error stream.</summary>
    private static readonly Dictionary<string, Func<(byte[] Bytes, string[] Said)>> ExportStyles = new(StringComparer.Ordinal)
    {
        // A German ERP's report saved from Excel: semicolons, UTF-8 with a byte order mark, day-first dotted dates,
        // decimal commas with thousands dots, German headers.
        ["german-semicolons-bom"] = () => (
            [.. Encoding.UTF8.GetPreamble(), .. Utf8(Export(";", "Kunde;Rechnung;Rechnungsdatum;Fälligkeit;Betrag;Bezahlt am;Disputed", i =>
                [i.CustomerId, i.InvoiceId, DayFirst(i.InvoiceDate, "."), DayFirst(i.DueDate, "."), i.Amount.ToString("#,##0.00", German), i.SettledDate is { } s ? DayFirst(s, ".") : string.Empty, i.Disputed ? "ja" : "nein"]))],
            ["fields separated by semicolons", "amounts read with a decimal comma", "dates read day first ("]),

        // Excel's "Unicode text": UTF-16 with a byte order mark, tabs, US month-first dates, dollar amounts.
        ["excel-unicode-text-us"] = () => (
            [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Export("\t", "Customer\tInvoice No.\tInvoice Date\tDue Date\tAmount\tDate Paid\tDisputed", i =>
                [i.CustomerId, i.InvoiceId, MonthFirst(i.InvoiceDate), MonthFirst(i.DueDate), i.Amount.ToString("$#,##0.00", CultureInfo.InvariantCulture), i.SettledDate is { } s ? MonthFirst(s) : string.Empty, i.Disputed ? "Yes" : "No"]))],
            ["read as UTF-16", "fields separated by tabs", "dates read month first ("]),

        // A sheet whose date cells were saved as numbers: spreadsheet serial days.
        ["excel-serial-dates"] = () => (
            Utf8(Export(",", "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed", i =>
                [i.CustomerId, i.InvoiceId, Serial(i.InvoiceDate), Serial(i.DueDate), Plain(i.Amount), i.SettledDate is { } s ? Serial(s) : string.Empty, i.Disputed ? "1" : "0"])),
            []),

        // A cloud system's API dump: ISO date-times with the company's zone (midnight in Paris, summer and winter time),
        // payments stamped in the afternoon or in UTC.
        ["iso-with-zones"] = () => (
            Utf8(Export(",", "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed", i =>
                [i.CustomerId, i.InvoiceId, Paris(i.InvoiceDate, 0), Paris(i.DueDate, 0), Plain(i.Amount), i.SettledDate is { } s ? Paris(s, 16) : string.Empty, i.Disputed ? "true" : "false"])),
            []),

        // A UK export with day-first slashes and a European one's amounts with a space for thousands and the euro sign.
        ["day-first-slashes-euro"] = () => (
            Utf8(Export(";", "Customer;Invoice;Invoice Date;Due Date;Amount;Paid Date;Disputed", i =>
                [i.CustomerId, i.InvoiceId, DayFirst(i.InvoiceDate, "/"), DayFirst(i.DueDate, "/"), i.Amount.ToString("#,##0.00", French) + " €", i.SettledDate is { } s ? DayFirst(s, "/") : string.Empty, i.Disputed ? "X" : string.Empty])),
            ["dates read day first (", "amounts read with a decimal comma"]),

        // No due date: the payment terms instead, as an invoice list writes them.
        ["terms-instead-of-due-date"] = () => (
            Utf8(Export(",", "customer,invoice,invoice date,payment terms,amount,paid date,disputed", i =>
                [i.CustomerId, i.InvoiceId, Iso(i.InvoiceDate), "Net " + (i.DueDate - i.InvoiceDate).Days.ToString(CultureInfo.InvariantCulture), Plain(i.Amount), i.SettledDate is { } s ? Iso(s) : string.Empty, i.Disputed ? "yes" : "no"])),
            ["due dates taken as invoice date + terms_days"]),

        // One row per payment: each settled invoice paid in one to three parts, the last on its settlement date.
        ["payment-rows"] = () => (Utf8(PaymentRows()), ["repeating an invoice with a payment of their own"]),

        // Credit notes (negative amounts, a trailing minus as SAP writes it) between the invoices: left out, said.
        ["credit-notes-between"] = () => (
            Utf8(Export(",", "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed", i =>
                [i.CustomerId, i.InvoiceId, Iso(i.InvoiceDate), Iso(i.DueDate), Plain(i.Amount), i.SettledDate is { } s ? Iso(s) : string.Empty, i.Disputed ? "true" : "false"],
                i => ["" + i.CustomerId, "CN-" + i.InvoiceId, Iso(i.InvoiceDate.AddDays(3)), Iso(i.InvoiceDate.AddDays(3)), Plain(i.Amount / 10) + "-", string.Empty, "false"])),
            ["credit note(s) (negative amounts) left out"]),
    };

    private static string Export(string separator, string header, Func<BacktestInvoice, string[]> row, Func<BacktestInvoice, string[]>? everyTenth = null)
    {
        var text = new StringBuilder(header).Append("\r\n");
        for (var n = 0; n < Ledger.Count; n++)
        {
            text.Append(string.Join(separator, row(Ledger[n]))).Append("\r\n");
            if (everyTenth is not null && n % 10 == 0)
            {
                text.Append(string.Join(separator, everyTenth(Ledger[n]))).Append("\r\n");
            }
        }

        return text.ToString();
    }

    private static string PaymentRows()
    {
        var text = new StringBuilder("customer,invoice,invoice date,due date,invoice amount,payment date,payment amount,disputed\n");
        foreach (var i in Ledger)
        {
            var head = string.Join(",", i.CustomerId, i.InvoiceId, Iso(i.InvoiceDate), Iso(i.DueDate), Plain(i.Amount));
            var disputed = i.Disputed ? "1" : "0";
            if (i.SettledDate is not { } settled)
            {
                text.Append(head).Append(",,,").Append(disputed).Append('\n');
                continue;
            }

            // Parts by the invoice's number, so the split is fixed: earlier parts before the settlement, the rest on it.
            var parts = 1 + (i.InvoiceId.Sum(c => c) % 3);
            var paid = 0m;
            for (var p = 1; p < parts && (settled - i.InvoiceDate).Days >= parts; p++)
            {
                var part = Math.Round(i.Amount / parts, 2);
                paid += part;
                text.Append(head).Append(',').Append(Iso(settled.AddDays(p - parts))).Append(',').Append(Plain(part)).Append(',').Append(disputed).Append('\n');
            }

            text.Append(head).Append(',').Append(Iso(settled)).Append(',').Append(Plain(i.Amount - paid)).Append(',').Append(disputed).Append('\n');
        }

        return text.ToString();
    }

    private static byte[] Canonical() => Utf8(Csv(Ledger));

    private static string Csv(IEnumerable<BacktestInvoice> invoices)
    {
        using var writer = new StringWriter();
        BacktestCsv.Write(writer, invoices);
        return writer.ToString();
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    private static string Iso(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DayFirst(DateTime day, string separator) => day.ToString("dd'" + separator + "'MM'" + separator + "'yyyy", CultureInfo.InvariantCulture);

    private static string MonthFirst(DateTime day) => day.ToString("M/d/yyyy", CultureInfo.InvariantCulture);

    private static string Serial(DateTime day) => day.ToOADate().ToString(CultureInfo.InvariantCulture);

    private static string Plain(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The day at <paramref name="hour"/> in Paris, written with its offset (+01:00 in winter, +02:00 in summer).</summary>
    private static string Paris(DateTime day, int hour)
    {
        var summer = day.Month is > 3 and < 10;
        return day.AddHours(hour).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (summer ? "+02:00" : "+01:00");
    }

    private static ArHistoryFile Read(string csv) => ArHistoryCsv.ReadFile(new StringReader(csv), new DateTime(2026, 6, 30));

    private static string Backtest(byte[] bytes, out int exit, out string error)
    {
        var path = TempFile(bytes);
        try
        {
            using var output = new StringWriter();
            using var errors = new StringWriter();
            exit = BacktestCommand.Run(new FileInfo(path), output, errors);
            error = errors.ToString();
            return output.ToString();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>calibrate's report with the file's name and where the rule set went taken out (they differ by run).</summary>
    private static string[] Calibrate(byte[] bytes, out int exit, out string error)
    {
        var path = TempFile(bytes);
        var rules = Path.ChangeExtension(path, ".json");
        try
        {
            using var output = new StringWriter();
            using var errors = new StringWriter();
            exit = CalibrateCommand.Run(new FileInfo(path), new FileInfo(rules), output, errors);
            error = errors.ToString();
            var name = Path.GetFileName(path);
            return [.. output.ToString().TrimEnd('\n').Split('\n').Where(l => l.Length > 0).Select(l => l.Replace(name, "FILE", StringComparison.Ordinal).Replace(rules, "RULES", StringComparison.Ordinal))];
        }
        finally
        {
            File.Delete(path);
            File.Delete(rules);
        }
    }

    private static string TempFile(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "creditos-export-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
