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
    [InlineData("C1,I1,2026-01-01,2026-01-31,-5,,false", "Line 2: amount -5 is negative")]
    [InlineData("C1,I1,01/02/2026,2026-01-31,5,,false", "Line 2: invoice_date '01/02/2026' is not an ISO date")]
    [InlineData("C1,I1,2026-01-31,2026-01-01,5,,false", "Line 2: due_date 2026-01-01 is before invoice_date 2026-01-31")]
    [InlineData("C1,I1,2026-01-01,2026-01-31,5,,maybe", "Line 2: disputed must be true or false")]
    [InlineData("C1,I1,2026-01-01,2026-01-31,5", "Line 2: the row has no settled_date field")]
    [InlineData(",I1,2026-01-01,2026-01-31,5,,false", "Line 2: customer_id is empty")]
    [InlineData("C1,I1,2026-01-10,2026-01-31,5,2026-01-01,false", "Line 2: settled_date 2026-01-01 is before invoice_date 2026-01-10")]
    public void MalformedRow_NamesTheLineAndTheProblem(string row, string expectedStart)
    {
        Assert.StartsWith(expectedStart, ReadFails(Header + "\n" + row + "\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateInvoice_NamesTheSecondLine()
    {
        var error = ReadFails(Header + "\nC1,I1,2026-01-01,2026-01-31,5,,false\n\nC1,I1,2026-01-01,2026-01-31,5,,false\n");

        Assert.Equal(4, error.LineNumber);
    }
}
