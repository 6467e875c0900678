using CreditOS.Cli.Ledger;
using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Samples;

namespace CreditOS.Cli.Tests.Ledger;

/// <summary>The accounts-receivable CSV reader: what it accepts, and that every refusal names the line and the problem.</summary>
public sealed class ArHistoryCsvTests
{
    private const string Header = "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed";

    private static IReadOnlyList<BacktestInvoice> Read(string csv) => ArHistoryCsv.Read(new StringReader(csv));

    private static BacktestFormatException ReadFails(string csv) => Assert.Throws<BacktestFormatException>(() => Read(csv));

    [Fact]
    public void RoundTrips_WhatTheEngineWrites()
    {
        var rows = BacktestCsv.FromHistories(SamplePortfolioGenerator.Generate(new SamplePortfolioOptions { Customers = 3 }));
        using var writer = new StringWriter();
        BacktestCsv.Write(writer, rows);

        var read = Read(writer.ToString());

        Assert.Equal(rows.Select(r => r with { LineNumber = 0 }), read.Select(r => r with { LineNumber = 0 }));
    }

    [Fact]
    public void Accepts_QuotedFields_ReorderedColumns_CrLf_AndEmptySettledAsOpen()
    {
        var csv = "\uFEFFinvoice_id, Customer_ID ,invoice_date,due_date,amount,settled_date,disputed\r\n"
            + "\"I,1\",\"ACME, Inc.\",2026-01-01,2026-01-31,100.50,,\r\n"
            + "I2,ACME,2026-02-01,2026-03-03,7,2026-03-20,TRUE\r\n";

        var rows = Read(csv);

        Assert.Equal(2, rows.Count);
        Assert.Equal("ACME, Inc.", rows[0].CustomerId);
        Assert.Equal("I,1", rows[0].InvoiceId);
        Assert.Equal(100.50m, rows[0].Amount);
        Assert.Null(rows[0].SettledDate);
        Assert.False(rows[0].Disputed);
        Assert.True(rows[1].Disputed);
        Assert.Equal(3, rows[1].LineNumber);
    }

    [Fact]
    public void WrongHeader_NamesLine1AndTheMissingColumns()
    {
        var error = ReadFails("customer,invoice\n");

        Assert.Equal(1, error.LineNumber);
        Assert.Contains("customer_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFile_NamesLine1()
    {
        Assert.Equal(1, ReadFails(string.Empty).LineNumber);
    }

    [Theory]
    [InlineData("C1,I1,2026-01-01,2026-01-31,abc,,false", "Line 2: amount 'abc' is not a number")]
    [InlineData("C1,I1,01/02/2026,2026-01-31,5,,false", "Line 2: the date '01/02/2026' could be read day first or month first")]
    [InlineData("C1,I1,2026-01-01,2026-01-31,5,,maybe", "Line 2: disputed must be true or false")]
    [InlineData("C1,I1,2026-01-01,2026-01-31,5", "Line 2: the row has no settled_date field")]
    [InlineData("C1,I1,2026-01-01,2026-02-30,5,,false", "Line 2: due_date '2026-02-30' is not a date")]
    public void MalformedRow_NamesTheLineAndTheProblem(string row, string expectedStart)
    {
        Assert.StartsWith(expectedStart, ReadFails(Header + "\n" + row + "\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExportUnderItsOwnNames_IsReadAsItIs_MonthFirstDatesAndYesNoDisputes()
    {
        // IBM's public accounts-receivable sample's layout: other names, extra columns, month-first dates without zeros.
        var csv = "countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate\n"
            + "391,0379-NEVHP,4/6/2013,0000611365,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0\n"
            + "406,8976-AMJEO,3/3/2012,0007900770,1/26/2013,2/25/2013,61.74,Yes,3/3/2013,Electronic,36,6\n";

        var file = ArHistoryCsv.ReadFile(new StringReader(csv));

        Assert.Equal(
            [
                new BacktestInvoice("0379-NEVHP", "0000611365", new DateTime(2013, 1, 2), new DateTime(2013, 2, 1), 55.94m, new DateTime(2013, 1, 15), false, 2),
                new BacktestInvoice("8976-AMJEO", "0007900770", new DateTime(2013, 1, 26), new DateTime(2013, 2, 25), 61.74m, new DateTime(2013, 3, 3), true, 3),
            ],
            file.Invoices);
        Assert.Equal(["dates read month first (3 of 6 dates written with the year last can only be read month first, e.g. line 2's '1/15/2013'; none only the other way)"], file.Notes);
    }

    [Fact]
    public void DayFirstDottedDates_WithoutADisputedColumn_AreReadDayFirst_AndNothingIsDisputed()
    {
        var csv = "Customer,Document Number,Document Date,Net Due Date,Amount,Clearing Date\n"
            + "C1,D1,02.01.2024,01.02.2024,100.00,15.02.2024\n"
            + "C1,D2,01.03.2024,31.03.2024,50,\n";

        var rows = Read(csv);

        Assert.Equal(new DateTime(2024, 1, 2), rows[0].InvoiceDate);
        Assert.Equal(new DateTime(2024, 2, 15), rows[0].SettledDate);
        Assert.Equal(new DateTime(2024, 3, 31), rows[1].DueDate);
        Assert.Null(rows[1].SettledDate);
        Assert.All(rows, row => Assert.False(row.Disputed));
    }

    [Fact]
    public void DatesWrittenBothWays_AreRefused_NamingBothLines()
    {
        var error = ReadFails(Header + "\nC1,I1,13/01/2024,12/02/2024,5,,false\nC1,I2,01/20/2024,02/19/2024,5,,false\n");

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("line 3's '01/20/2024' month first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsThatAreNotInvoicesToPredict_AreLeftOutAndCounted_APrepaymentCountsAsPaidOnItsInvoiceDate()
    {
        var csv = Header + "\n"
            + "C1,CN1,2026-01-05,2026-02-04,-40.00,,false\n"
            + "C1,I1,2026-01-31,2026-01-01,5,,false\n"
            + "C1,I2,2026-01-10,2026-02-09,80,2026-01-03,false\n"
            + "C1,I3,2026-01-10,2026-02-09,20,2026-02-20,false\n";

        var file = ArHistoryCsv.ReadFile(new StringReader(csv));

        Assert.Equal(["I2", "I3"], file.Invoices.Select(i => i.InvoiceId));
        Assert.Equal(new DateTime(2026, 1, 10), file.Invoices[0].SettledDate);
        Assert.Equal(
            [
                "1 credit note(s) (negative amounts) left out: they are not invoices a customer pays late or on time (line 2)",
                "1 row(s) due before their invoice date left out as malformed (line 3)",
                "1 invoice(s) settled before their invoice date counted as paid on their invoice date (paid in advance) (line 4)",
            ],
            file.Notes);
    }

    [Fact]
    public void WrongHeader_SaysWhatElseAColumnMayBeCalled()
    {
        var error = ReadFails("customer,invoice,invoice_date,due_date,amount\n");

        Assert.Contains("settled_date may also be called settleddate / settledon / paiddate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvoiceOnSeveralLines_IsOneInvoice_ARepeatedLineIsLeftOut_AnotherDueDateIsAnInstalment()
    {
        var csv = Header + "\n"
            + "C1,I1,2026-01-01,2026-01-31,60,2026-02-05,false\n"
            + "C1,I1,2026-01-01,2026-01-31,40,2026-02-10,true\n"
            + "C1,I1,2026-01-01,2026-01-31,40,2026-02-10,true\n"
            + "C1,I1,2026-01-01,2026-03-02,25,,false\n"
            + "C2,I1,2026-01-01,2026-01-31,10,,false\n";

        var file = ArHistoryCsv.ReadFile(new StringReader(csv));

        Assert.Equal(
            [
                new BacktestInvoice("C1", "I1", new DateTime(2026, 1, 1), new DateTime(2026, 1, 31), 100m, new DateTime(2026, 2, 10), true, 2),
                new BacktestInvoice("C1", "I1#2", new DateTime(2026, 1, 1), new DateTime(2026, 3, 2), 25m, null, false, 5),
                new BacktestInvoice("C2", "I1", new DateTime(2026, 1, 1), new DateTime(2026, 1, 31), 10m, null, false, 6),
            ],
            file.Invoices);
        Assert.Equal(
            [
                "1 row(s) repeating an earlier row exactly left out (line 4)",
                "1 line(s) of an invoice with the same due date as an earlier line counted with it as one invoice (amounts added, open until every line is settled) (line 3)",
                "1 line(s) of an invoice with another due date than its earlier lines counted as an instalment of their own (line 5)",
            ],
            file.Notes);
    }

    [Fact]
    public void AEuropeanExport_SemicolonsDecimalCommasAndThousandsDots_IsReadAsItIs()
    {
        var csv = "Customer;Document Number;Document Date;Net Due Date;Amount;Clearing Date\n"
            + "C1;D1;02.01.2024;01.02.2024;1.234,50;15.02.2024\n"
            + "C1;D2;01.03.2024;31.03.2024;12,5 EUR;\n";

        var file = ArHistoryCsv.ReadFile(new StringReader(csv));

        Assert.Equal([1234.50m, 12.5m], file.Invoices.Select(i => i.Amount));
        Assert.Equal(new DateTime(2024, 3, 31), file.Invoices[1].DueDate);
        Assert.Contains("amounts read with a decimal comma (as every amount in the file that can tell shows)", file.Notes);
    }

    [Fact]
    public void ASpreadsheetExport_CurrencySymbolsParenthesesTwoDigitYearsAndNull_IsReadAsItIs()
    {
        var csv = "Customer ID,Invoice No,Invoice Date,Due Date,Invoice Amount,Paid Date\n"
            + "C1,I1,1/2/13,2/1/13,\"$1,234.50\",NULL\n"
            + "C1,I2,1/20/13,2/19/13,$80.00,2/25/13\n"
            + "C1,CN1,1/21/13,2/20/13,($40.00),\n";

        var file = ArHistoryCsv.ReadFile(new StringReader(csv));

        Assert.Equal(
            [
                new BacktestInvoice("C1", "I1", new DateTime(2013, 1, 2), new DateTime(2013, 2, 1), 1234.50m, null, false, 2),
                new BacktestInvoice("C1", "I2", new DateTime(2013, 1, 20), new DateTime(2013, 2, 19), 80m, new DateTime(2013, 2, 25), false, 3),
            ],
            file.Invoices);
        Assert.Contains(file.Notes, note => note.StartsWith("1 credit note(s)", StringComparison.Ordinal));
    }

    /// <summary>
    /// Session 36: a credit note naming an open invoice cancels it. Before, the credit note was left out and the invoice
    /// kept open, so it counted as unpaid past due (late) and as an item 120 days late in the customer's later scores.
    /// A partial credit changes nothing, and an invoice the file settles keeps its settlement (the credit is a refund).
    /// </summary>
    [Fact]
    public void ACreditNoteNamingAnOpenInvoice_CancelsIt_APartialCreditOrASettledInvoiceStays()
    {
        var csv = Header + "\n"
            + "C1,I1,2026-01-05,2026-02-04,100.00,,false\n"
            + "C1,I1,2026-01-20,2026-02-04,-98.00,,false\n"
            + "C1,I2,2026-01-06,2026-02-05,100.00,,false\n"
            + "C1,I2,2026-01-21,2026-02-05,-40.00,,false\n"
            + "C1,I3,2026-01-07,2026-02-06,100.00,2026-02-01,false\n"
            + "C1,I3,2026-02-10,2026-02-10,-100.00,,false\n"
            + "C2,I1,2026-01-08,2026-02-07,100.00,,false\n";

        var file = ArHistoryCsv.ReadFile(new StringReader(csv));

        Assert.Equal([("C1", "I2"), ("C1", "I3"), ("C2", "I1")], file.Invoices.Select(i => (i.CustomerId, i.InvoiceId)));
        Assert.Equal(new DateTime(2026, 2, 1), file.Invoices[1].SettledDate);
        Assert.Contains("1 open invoice(s) cancelled by credit notes naming them left out: there is nothing to pay late or on time (line 2)", file.Notes);
        Assert.Contains(file.Notes, note => note.StartsWith("3 credit note(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void ACreditMemoRow_CancelsTheInvoiceItsAppliesToColumnNames()
    {
        var csv = "Customer No.;Document Type;Document No.;Posting Date;Due Date;Amount;Applies-to Doc. No.\n"
            + "10000;Invoice;103001;02.01.2025;01.02.2025;1.000,00;\n"
            + "10000;Payment;P-1;20.01.2025;20.01.2025;-1.000,00;103001\n"
            + "10000;Invoice;103002;13.01.2025;12.02.2025;500,00;\n"
            + "10000;Credit Memo;CM-1;16.01.2025;16.01.2025;-500,00;103002\n";

        var file = ArHistoryCsv.ReadFile(new StringReader(csv), new DateTime(2025, 6, 1));

        Assert.Equal(["103001"], file.Invoices.Select(i => i.InvoiceId));
        Assert.Contains("1 open invoice(s) cancelled by credit notes naming them left out: there is nothing to pay late or on time (line 4)", file.Notes);
    }

    /// <summary>Goods returned for part of an invoice, the rest paid: settled on the payment, not open as paid in part only.</summary>
    [Fact]
    public void APartialCreditMemo_AndPaymentsThatCoverTheRest_SettleTheInvoiceOnItsLastPayment()
    {
        var csv = "Customer No.;Document Type;Document No.;Posting Date;Due Date;Amount;Applies-to Doc. No.\n"
            + "10000;Invoice;103001;02.01.2025;01.02.2025;1.000,00;\n"
            + "10000;Credit Memo;CM-1;10.01.2025;10.01.2025;-300,00;103001\n"
            + "10000;Payment;P-1;20.01.2025;20.01.2025;-400,00;103001\n"
            + "10000;Payment;P-2;05.02.2025;05.02.2025;-300,00;103001\n";

        var file = ArHistoryCsv.ReadFile(new StringReader(csv), new DateTime(2025, 6, 1));

        var invoice = Assert.Single(file.Invoices);
        Assert.Equal(new DateTime(2025, 2, 5), invoice.SettledDate);
        Assert.Equal(1000m, invoice.Amount);
    }

    [Fact]
    public void AnSapStyleExport_CompactDatesTrailingMinusXFlagsAndZeroClearingDates_IsReadAsItIs()
    {
        var csv = "Customer\tDocument Number\tDocument Date\tNet Due Date\tAmount\tClearing Date\tDisputed\n"
            + "100017\t9000001\t20240105\t20240204\t2,500.00\t00000000\tX\n"
            + "100017\t9000002\t20240110\t20240209\t120.00-\t\t\n"
            + "100017\t9000003\t2024-01-12 00:00:00.000\t12-Feb-2024\t75.10\t2024-02-20 00:00:00.000\t\n";

        var file = ArHistoryCsv.ReadFile(new StringReader(csv));

        Assert.Equal(
            [
                new BacktestInvoice("100017", "9000001", new DateTime(2024, 1, 5), new DateTime(2024, 2, 4), 2500m, null, true, 2),
                new BacktestInvoice("100017", "9000003", new DateTime(2024, 1, 12), new DateTime(2024, 2, 12), 75.10m, new DateTime(2024, 2, 20), false, 4),
            ],
            file.Invoices);
        Assert.Contains(file.Notes, note => note.StartsWith("1 credit note(s)", StringComparison.Ordinal) && note.EndsWith("(line 3)", StringComparison.Ordinal));
    }

    [Fact]
    public void AmountsWrittenBothWays_AreRefused_NamingBothLines()
    {
        var error = ReadFails(Header + "\nC1,I1,2026-01-01,2026-01-31,12.50,,false\nC1,I2,2026-01-01,2026-01-31,\"7,25\",,false\n");

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("line 2's '12.50' a decimal point", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AmountsThatCouldBeThousandsOrDecimals_AreRefused_RatherThanGuessed()
    {
        var error = ReadFails(Header + "\nC1,I1,2026-01-01,2026-01-31,\"1,234\",,false\nC1,I2,2026-01-01,2026-01-31,500,,false\n");

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("'1,234' could be read with a thousands separator or a decimal mark", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsWithoutACustomerAreLeftOut_RowsWithoutAnInvoiceNumberAreInvoicesOfTheirOwn_BothCounted()
    {
        var file = ArHistoryCsv.ReadFile(new StringReader(Header + "\n,I1,2026-01-01,2026-01-31,5,,false\nC1,,2026-01-01,2026-01-31,5,,false\nC1,nan,2026-01-02,2026-02-01,6,,false\n"));

        Assert.Equal(["line 3", "line 4"], file.Invoices.Select(i => i.InvoiceId));
        Assert.Contains(file.Notes, note => note.StartsWith("1 row(s) without a customer left out", StringComparison.Ordinal) && note.EndsWith("(line 2)", StringComparison.Ordinal));
        Assert.Contains(file.Notes, note => note.StartsWith("2 row(s) without an invoice number", StringComparison.Ordinal) && note.EndsWith("(lines 3, 4)", StringComparison.Ordinal));
    }
}
