using CreditOS.Cli.Ledger;
using CreditOS.CreditEngine.Backtesting;

namespace CreditOS.Cli.Tests.Ledger;

/// <summary>
/// Ledgers as other systems export them, read without a conversion step: each test writes a few rows in one system's
/// column names and date and number habits, and checks every invoice field the replay uses.
/// </summary>
public sealed class ArHistoryExportShapeTests
{
    private static ArHistoryFile Read(string csv) => ArHistoryCsv.ReadFile(new StringReader(csv));

    [Fact]
    public void APaymentDatePredictionExport_FloatDatesTimesDuplicatesAndTwoCurrencies_IsReadAsItIs()
    {
        // The shape of the public payment-date-prediction ledger: a data frame's float columns (20200210.0), the
        // clearing date with a time, an open invoice with an empty clear_date, an exact duplicate row, USD and CAD.
        var csv = "business_code,cust_number,name_customer,clear_date,buisness_year,doc_id,posting_date,document_create_date,document_create_date.1,due_in_date,invoice_currency,document type,posting_id,area_business,total_open_amount,baseline_create_date,cust_payment_terms,invoice_id,isOpen\n"
            + "U001,0200769623,WAL-MAR corp,2020-02-11 00:00:00,2020.0,1930438491.0,2020-01-26,20200125,20200126,20200210.0,USD,RV,1.0,,54273.28,20200126.0,NAH4,1930438491.0,0\n"
            + "U001,0200769623,WAL-MAR corp,2020-02-11 00:00:00,2020.0,1930438491.0,2020-01-26,20200125,20200126,20200210.0,USD,RV,1.0,,54273.28,20200126.0,NAH4,1930438491.0,0\n"
            + "CA02,0140105686,SYSC llc,,2020.0,2960623488.0,2020-03-30,20200330,20200330,20200410.0,CAD,RV,1.0,,2309.79,20200331.0,CA10,2960623488.0,1\n";

        var file = Read(csv);

        Assert.Equal(
            [
                new BacktestInvoice("0200769623", "1930438491.0", new DateTime(2020, 1, 26), new DateTime(2020, 2, 10), 54273.28m, new DateTime(2020, 2, 11), false, 2),
                new BacktestInvoice("0140105686", "2960623488.0", new DateTime(2020, 3, 30), new DateTime(2020, 4, 10), 2309.79m, null, false, 4),
            ],
            file.Invoices);
        Assert.Contains(file.Notes, note => note.StartsWith("1 row(s) repeating an earlier row exactly", StringComparison.Ordinal));
        Assert.Contains(file.Notes, note => note.StartsWith("amounts in 2 currencies (CAD, USD) read as they are", StringComparison.Ordinal));
    }

    [Fact]
    public void ABusinessCentralLedgerEntryExport_ClosedAtDate_AndItsPaymentsReadAsPayments()
    {
        var csv = "Entry No.;Posting Date;Document Type;Document No.;Customer No.;Description;Currency Code;Amount;Remaining Amount;Due Date;Open;Closed at Date\n"
            + "1001;15.01.2025;Invoice;103001;10000;Order 101001;;1.250,00;0;14.02.2025;No;20.02.2025\n"
            + "1002;20.02.2025;Payment;2588;10000;Payment 103001;;-1.250,00;0;20.02.2025;No;20.02.2025\n"
            + "1003;03.03.2025;Invoice;103002;10000;Order 101002;;980,50;980,50;02.04.2025;Yes;\n";

        var file = Read(csv);

        Assert.Equal(
            [
                new BacktestInvoice("10000", "103001", new DateTime(2025, 1, 15), new DateTime(2025, 2, 14), 1250m, new DateTime(2025, 2, 20), false, 2),
                new BacktestInvoice("10000", "103002", new DateTime(2025, 3, 3), new DateTime(2025, 4, 2), 980.50m, null, false, 4),
            ],
            file.Invoices);
        // The payment names its own document number, not the invoice's: it is said, and the invoice keeps its own date.
        Assert.Contains("1 payment(s) naming no invoice of the file (on account, or for invoices before the export) left out (line 3)", file.Notes);
    }

    [Fact]
    public void AFinanceAndOperationsCustomerTransactionExport_Its1900ClosedDateMeansOpen()
    {
        var csv = "AccountNum,Voucher,Invoice,TransDate,DueDate,AmountCur,CurrencyCode,Closed\n"
            + "US-001,ARI-000101,CIV-000101,2024-05-02,2024-06-01,\"12,500.00\",USD,2024-06-10\n"
            + "US-001,ARI-000102,CIV-000102,2024-05-20,2024-06-19,\"3,000.00\",USD,1900-01-01\n";

        var file = Read(csv);

        Assert.Equal(
            [
                new BacktestInvoice("US-001", "CIV-000101", new DateTime(2024, 5, 2), new DateTime(2024, 6, 1), 12500m, new DateTime(2024, 6, 10), false, 2),
                new BacktestInvoice("US-001", "CIV-000102", new DateTime(2024, 5, 20), new DateTime(2024, 6, 19), 3000m, null, false, 3),
            ],
            file.Invoices);
    }

    [Fact]
    public void AnSapLineItemExportUnderItsFieldNames_IsReadAsItIs()
    {
        var csv = "KUNNR|BELNR|BLDAT|NETDT|DMBTR|WAERS|AUGDT\n"
            + "0000100017|0090000001|05.01.2024|04.02.2024|2.500,00|EUR|20.02.2024\n"
            + "0000100017|0090000002|13.01.2024|12.02.2024|75,10|EUR|00.00.0000\n";

        var file = Read(csv);

        Assert.Equal(
            [
                new BacktestInvoice("0000100017", "0090000001", new DateTime(2024, 1, 5), new DateTime(2024, 2, 4), 2500m, new DateTime(2024, 2, 20), false, 2),
                new BacktestInvoice("0000100017", "0090000002", new DateTime(2024, 1, 13), new DateTime(2024, 2, 12), 75.10m, null, false, 3),
            ],
            file.Invoices);
    }

    [Fact]
    public void AnInvoiceListWithSpreadsheetSerialDates_AndItsFullyPaidOnDate_IsReadAsItIs()
    {
        // Xero-like names; dates as a spreadsheet stores them (45658 = 2025-01-01) next to written ones.
        var csv = "ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,FullyPaidOnDate\n"
            + "Ridgeway Bank,INV-0001,45658,45688,\"1,000.00\",45700\n"
            + "Ridgeway Bank,INV-0002,2025-02-01,2025-03-03,250.00,\n";

        var file = Read(csv);

        Assert.Equal(
            [
                new BacktestInvoice("Ridgeway Bank", "INV-0001", new DateTime(2025, 1, 1), new DateTime(2025, 1, 31), 1000m, new DateTime(2025, 2, 12), false, 2),
                new BacktestInvoice("Ridgeway Bank", "INV-0002", new DateTime(2025, 2, 1), new DateTime(2025, 3, 3), 250m, null, false, 3),
            ],
            file.Invoices);
    }

    [Fact]
    public void WithoutASettlementDate_TheDaysToSettleGiveIt_AndAnEmptyFieldIsOpen()
    {
        var csv = "customerID,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,DaysToSettle,DaysLate\n"
            + "C1,I1,2013-01-02,2013-02-01,55.94,13,0\n"
            + "C1,I2,2013-01-26,2013-02-25,61.74,36.0,6\n"
            + "C1,I3,2013-03-01,2013-03-31,10.00,,\n";

        var file = Read(csv);

        Assert.Equal([new DateTime(2013, 1, 15), new DateTime(2013, 3, 3), (DateTime?)null], file.Invoices.Select(i => i.SettledDate));
        Assert.Contains(file.Notes, note => note.StartsWith("settlement dates taken as invoice date + days_to_settle", StringComparison.Ordinal));
    }

    [Fact]
    public void WithOnlyTheDaysLate_TheSettlementIsTheDueDatePlusThem_EarlyAsNegative()
    {
        var csv = "customer,invoice,invoice date,due date,amount,days late\n"
            + "C1,I1,2024-01-01,2024-01-31,10,5\n"
            + "C1,I2,2024-02-01,2024-03-02,10,-3\n";

        var file = Read(csv);

        Assert.Equal([new DateTime(2024, 2, 5), new DateTime(2024, 2, 28)], file.Invoices.Select(i => i.SettledDate!.Value));
        Assert.Contains(file.Notes, note => note.StartsWith("settlement dates taken as due date + days_late", StringComparison.Ordinal));
    }

    [Fact]
    public void ZeroDays_AreACountOfDays_NotAnEmptyDate()
    {
        // A 0 stands for "no date" in a date column (SAP writes 00000000), but in a column of days it is a day count:
        // paid on the due date, paid the day it was invoiced, due at once. Read as "open", a ledger that writes its
        // punctual payments as 0 days late had them all counted late (IBM's sample rewritten with days late only:
        // 961 invoices late instead of 877).
        var daysLate = Read("customer,invoice,invoice date,due date,amount,days late\nC1,I1,2024-01-01,2024-01-31,10,0\nC1,I2,2024-02-01,2024-03-02,10,\n");
        var daysToSettle = Read("customer,invoice,invoice date,due date,amount,days to settle\nC1,I1,2024-01-01,2024-01-31,10,0\n");
        var terms = Read("customer,invoice,invoice date,terms,amount,paid date\nC1,I1,2024-01-01,0,10,2024-01-05\n");

        Assert.Equal([new DateTime(2024, 1, 31), (DateTime?)null], daysLate.Invoices.Select(i => i.SettledDate));
        Assert.Equal(new DateTime(2024, 1, 1), Assert.Single(daysToSettle.Invoices).SettledDate);
        Assert.Equal(new DateTime(2024, 1, 1), Assert.Single(terms.Invoices).DueDate);
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("Net 45", 45)]
    [InlineData("NET60", 60)]
    [InlineData("2/10 net 30", 30)]
    [InlineData("14 days", 14)]
    [InlineData("N30", 30)]
    [InlineData("Net 30 EOM", 30)]
    public void WithoutADueDate_ThePaymentTermsGiveIt(string terms, int days)
    {
        var csv = "customer,invoice,date,payment terms,amount,date paid\nC1,I1,2024-01-01,\"" + terms + "\",10,2024-03-01\n";

        var file = Read(csv);

        Assert.Equal(new DateTime(2024, 1, 1).AddDays(days), Assert.Single(file.Invoices).DueDate);
        Assert.Contains(file.Notes, note => note.StartsWith("due dates taken as invoice date + terms_days", StringComparison.Ordinal));
    }

    [Fact]
    public void TermsThatSayNoDays_AreRefusedNamingTheLine()
    {
        var error = Assert.Throws<BacktestFormatException>(() => Read("customer,invoice,date,terms,amount,date paid\nC1,I1,2024-01-01,NAH4,10,\n"));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("terms_days 'NAH4' is not a number of days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithNeitherASettlementDateNorTheDaysThatGiveIt_TheMessageSaysWhatMayStandForIt()
    {
        var error = Assert.Throws<BacktestFormatException>(() => Read("customer,invoice,invoice date,due date,amount\nC1,I1,2024-01-01,2024-01-31,10\n"));

        Assert.Contains("settled_date may also be called", error.Message, StringComparison.Ordinal);
        Assert.Contains("or it may be given as days_to_settle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADataFramesExport_ItsIndexColumnAndNanosecondTimestamps_IsReadAsItIs()
    {
        var csv = ",cust_number,clear_date,doc_id,posting_date,due_in_date,converted_usd\n"
            + "0,0140105686,2020-04-20 05:02:32.250000000,2960623488.0,2020-03-30 00:00:00.000000000,2020-04-10 00:00:00.000000000,3299.7\n";

        var file = Read(csv);

        Assert.Contains("amount read from 'converted_usd', whose name resembles it (no header bears one of its names)", file.Notes);
        Assert.Equal(new BacktestInvoice("0140105686", "2960623488.0", new DateTime(2020, 3, 30), new DateTime(2020, 4, 10), 3299.7m, new DateTime(2020, 4, 20), false, 2), Assert.Single(file.Invoices));
    }

    [Fact]
    public void HeadersThatOnlyResembleAColumnsNames_AreTakenForIt_AndSaid_ButADateIsNeverTakenForAnAmount()
    {
        var csv = "Client Code,Bill No,Bill Creation Date,Due On Date,Net Amount USD,Payment Clear Dt\n"
            + "K1,B-1,2024-01-02,2024-02-01,100.00,2024-02-05\n";

        var file = Read(csv);

        Assert.Equal(new BacktestInvoice("K1", "B-1", new DateTime(2024, 1, 2), new DateTime(2024, 2, 1), 100m, new DateTime(2024, 2, 5), false, 2), Assert.Single(file.Invoices));
        // "Bill No" is one of invoice_id's names; the other five only resemble theirs.
        Assert.Equal(
            ["customer_id read from 'Client Code'", "invoice_date read from 'Bill Creation Date'", "due_date read from 'Due On Date'", "amount read from 'Net Amount USD'", "settled_date read from 'Payment Clear Dt'"],
            file.Notes.Where(n => n.Contains("whose name resembles it", StringComparison.Ordinal)).Select(n => n[..n.IndexOf(", whose", StringComparison.Ordinal)]));
        var noAmount = Assert.Throws<BacktestFormatException>(() => Read("customer,invoice,invoice date,due date,amount date,paid date\nC1,I1,2024-01-01,2024-01-31,2024-01-01,\n"));
        Assert.Contains("the header lacks amount", noAmount.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APayablesListWithoutInvoiceNumbers_ItsVendorAndDaysUntilPayment_IsReadAsItIs_AndSaid()
    {
        // The shape of a public invoice-payment sample (a competition's data): a vendor as the counterparty, no invoice
        // number, two-digit-year month names, a creation timestamp beside the invoice date, settled and outstanding
        // amounts, and the days until payment instead of a settlement date. Rows made up here, not the sample's.
        var csv = "Description,Vendor_Name,Created,Invoice_Date,Due_Date,Amount,Settled,Outstanding,Number_of_Days_until_Payment\n"
            + "Office supplies,Ann Lee,26-04-2011 11:50,26-Apr-11,26-May-11,672.78,672.78,0.0,13\n"
            + ",Bob Roy,12-10-2011 09:57,12-Oct-11,26-Oct-11,605.51,501.98,103.53,6\n"
            + "Annual fee,Ann Lee,09-07-2011 10:42,10-May-11,24-May-11,11.98,11.98,0.0,62\n";

        var file = Read(csv);

        Assert.Equal(
            [
                new BacktestInvoice("Ann Lee", "line 2", new DateTime(2011, 4, 26), new DateTime(2011, 5, 26), 672.78m, new DateTime(2011, 5, 9), false, 2),
                new BacktestInvoice("Bob Roy", "line 3", new DateTime(2011, 10, 12), new DateTime(2011, 10, 26), 605.51m, new DateTime(2011, 10, 18), false, 3),
                new BacktestInvoice("Ann Lee", "line 4", new DateTime(2011, 5, 10), new DateTime(2011, 5, 24), 11.98m, new DateTime(2011, 7, 11), false, 4),
            ],
            file.Invoices);
        Assert.Contains("customer_id read from 'Vendor_Name', whose name resembles it (no header bears one of its names)", file.Notes);
        Assert.Contains(file.Notes, note => note.StartsWith("the file has no invoice number column: each of its 3 row(s) counted as an invoice of its own", StringComparison.Ordinal));
        Assert.Contains(file.Notes, note => note.StartsWith("settlement dates taken as invoice date + days_to_settle", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutInvoiceNumbers_PaymentsOnRowsOfTheirOwn_AreRefused_NotReadAsInvoices()
    {
        var csv = "customer,invoice date,due date,amount,payment amount,payment date\n"
            + "C1,2024-01-01,2024-01-31,100,40,2024-01-20\n"
            + "C1,2024-01-01,2024-01-31,100,60,2024-02-10\n";

        var error = Assert.Throws<BacktestFormatException>(() => Read(csv));

        Assert.Equal(1, error.LineNumber);
        Assert.Contains("no invoice number column, but its payment amount column says payments are rows of their own", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACustomerNumberWrittenWithAndWithoutLeadingZerosOrAsAFloat_IsOneCustomer_AndSaid()
    {
        var csv = "cust_number,invoice_id,posting_date,due_in_date,total_open_amount,clear_date\n"
            + "0200769623,1,2020-01-01,2020-01-16,10,2020-01-20\n"
            + "200769623,2,2020-02-01,2020-02-16,10,\n"
            + "200769623.0,3,2020-03-01,2020-03-16,10,\n"
            + "CCU013,4,2020-03-01,2020-03-16,10,\n"
            + "0CCU013,5,2020-03-01,2020-03-16,10,\n";

        var file = Read(csv);

        Assert.Equal(["0200769623", "0200769623", "0200769623", "CCU013", "0CCU013"], file.Invoices.Select(i => i.CustomerId));
        Assert.Contains("1 customer number(s) written more than one way read as one customer each, under its first spelling (leading zeros or a spreadsheet's .0 dropped: 0200769623 = 200769623 = 200769623.0)", file.Notes);
    }
}
