using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Tests.Builders;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Backtesting;

public class BacktesterTests
{
    private const string Header = "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,disputed";

    private static BacktestFormatException ReadFails(string csv) =>
        Assert.Throws<BacktestFormatException>(() => BacktestCsv.Read(new StringReader(csv)));

    [Fact]
    public void ChangingALaterSettlement_NeverChangesAnEarlierScore()
    {
        var invoices = BacktestCsv.FromHistories(CreditOS.CreditEngine.Samples.SamplePortfolioGenerator.Generate(SampleHistoryFile.Options with { Customers = 6 }));
        var byCustomer = invoices.GroupBy(i => i.CustomerId).Select(g => g.OrderBy(i => i.InvoiceDate).ToList()).ToList();

        Gen.Select(Gen.Int[0, 1_000], Gen.Int[0, 1_000], Gen.Int[1, 120]).Sample((customerPick, invoicePick, shift) =>
        {
            var customer = byCustomer[customerPick % byCustomer.Count];
            var scored = customer[invoicePick % customer.Count];
            var asOf = scored.InvoiceDate;
            var known = customer.Where(i => i.InvoiceDate < asOf).Select(ToRecord).ToList();

            // Rewrite the future: every settlement after the scoring date moves or disappears.
            var rewritten = known.Select(i => i.SettledDate > asOf ? i with { SettledDate = shift % 2 == 0 ? null : i.SettledDate.Value.AddDays(shift) } : i).ToList();

            var original = Backtester.ScoreAsOf(scored.CustomerId, known, asOf, Configs.Default);
            var changed = Backtester.ScoreAsOf(scored.CustomerId, rewritten, asOf, Configs.Default);
            Assert.Equal(original.Risk, changed.Risk);
        });
    }

    [Fact]
    public void Backtest_ObservationsOfEarlierInvoices_DoNotDependOnLaterRows()
    {
        var all = BacktestCsv.FromHistories(CreditOS.CreditEngine.Samples.SamplePortfolioGenerator.Generate(SampleHistoryFile.Options with { Customers = 10 }));
        var cutoff = all[all.Count / 2].InvoiceDate;
        var truncated = all.Select(i => i.InvoiceDate < cutoff ? i with { SettledDate = i.SettledDate > cutoff ? null : i.SettledDate } : i with { Amount = i.Amount * 3 }).ToList();

        var full = Backtester.Run(all, Configs.Default).Observations.Where(o => o.InvoiceDate <= cutoff).ToDictionary(o => o.InvoiceId, o => o.Risk);
        var partial = Backtester.Run(truncated, Configs.Default).Observations.Where(o => o.InvoiceDate <= cutoff).ToDictionary(o => o.InvoiceId, o => o.Risk);

        Assert.NotEmpty(full);
        foreach (var (invoice, risk) in partial)
        {
            Assert.Equal(full[invoice], risk);
        }
    }

    [Fact]
    public void Backtest_OnSmallHistory_ClassifiesLateAndNotYetDue()
    {
        var csv = Header + "\n"
            + "C1,I1,2026-01-01,2026-01-31,100.00,2026-01-20,false\n"
            + "C1,I2,2026-02-01,2026-03-03,100.00,2026-03-20,false\n"
            + "C1,I3,2026-02-15,2026-03-10,100.00,,false\n"
            + "C1,I4,2026-03-25,2026-04-24,100.00,,false\n";
        using var report = new StringWriter();

        var result = Backtester.Run(new StringReader(csv), report, Configs.Default);

        Assert.Equal(4, result.InvoicesRead);
        Assert.Equal(3, result.InvoicesScored);
        Assert.Equal(1, result.NotYetDue);
        Assert.Equal(2, result.PaidLate);
        // Nothing was late before any of these invoices, so all three share one score: a tie is worth 0.5.
        Assert.Equal(0.5, result.Auc!.Value, 3);
        Assert.EndsWith("auc=0.500\n", report.ToString());
    }

    [Fact]
    public void Csv_WithWrongHeader_NamesLine1()
    {
        Assert.StartsWith("Line 1: expected the header", ReadFails("customer,invoice\n").Message);
    }

    [Fact]
    public void Csv_Empty_NamesLine1()
    {
        Assert.Equal(1, ReadFails(string.Empty).LineNumber);
    }

    [Theory]
    [InlineData("C1,I1,2026-01-01,2026-01-31,abc,,false", "Line 2: amount 'abc' is not a number")]
    [InlineData("C1,I1,2026-01-01,2026-01-31,-5,,false", "Line 2: amount -5 is negative")]
    [InlineData("C1,I1,01/02/2026,2026-01-31,5,,false", "Line 2: invoice_date '01/02/2026' is not an ISO date")]
    [InlineData("C1,I1,2026-01-31,2026-01-01,5,,false", "Line 2: due_date 2026-01-01 is before invoice_date 2026-01-31")]
    [InlineData("C1,I1,2026-01-01,2026-01-31,5,,maybe", "Line 2: disputed must be true or false")]
    [InlineData("C1,I1,2026-01-01,2026-01-31,5", "Line 2: expected 7 comma-separated fields")]
    [InlineData(",I1,2026-01-01,2026-01-31,5,,false", "Line 2: customer_id is empty")]
    public void Csv_MalformedRow_NamesTheLineAndTheProblem(string row, string expectedStart)
    {
        Assert.StartsWith(expectedStart, ReadFails(Header + "\n" + row + "\n").Message);
    }

    [Fact]
    public void Csv_DuplicateInvoice_NamesTheSecondLine()
    {
        var error = ReadFails(Header + "\nC1,I1,2026-01-01,2026-01-31,5,,false\n\nC1,I1,2026-01-01,2026-01-31,5,,false\n");

        Assert.Equal(4, error.LineNumber);
    }

    [Fact]
    public void Csv_RoundTrips()
    {
        var rows = BacktestCsv.FromHistories(CreditOS.CreditEngine.Samples.SamplePortfolioGenerator.Generate(SampleHistoryFile.Options with { Customers = 3 }));
        using var writer = new StringWriter();
        BacktestCsv.Write(writer, rows);

        var read = BacktestCsv.Read(new StringReader(writer.ToString()));

        Assert.Equal(rows.Select(r => r with { LineNumber = 0 }), read.Select(r => r with { LineNumber = 0 }));
    }

    [Fact]
    public void RocAuc_CountsTiesAsHalf()
    {
        Assert.Equal(1.0, RocAuc.Compute([new(1, false), new(2, true)]));
        Assert.Equal(0.5, RocAuc.Compute([new(1, false), new(1, true)]));
        Assert.Equal(0.875, RocAuc.Compute([new(1, false), new(2, false), new(2, true), new(3, true)]));
        Assert.Null(RocAuc.Compute([new(1, true)]));
    }

    private static InvoiceRecord ToRecord(BacktestInvoice i) => new(i.InvoiceId, i.InvoiceDate, i.DueDate, i.Amount, i.SettledDate, i.Disputed);
}
