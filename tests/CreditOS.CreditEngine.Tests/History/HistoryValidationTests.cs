using CreditOS.CreditEngine.History;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.History;

public class HistoryValidationTests
{
    [Fact]
    public void Summarize_NegativeInvoiceAmount_IsRejectedNamingTheInvoice()
    {
        var history = ACustomer().WithInvoice(10, -5m, null).Build();

        var error = Assert.Throws<CreditInputException>(() => HistorySummarizer.Summarize(history, AsOf));

        Assert.Contains("INV-1", error.Message);
        Assert.Contains("must not be negative", error.Message);
    }

    [Fact]
    public void Summarize_DueDateBeforeInvoiceDate_IsRejectedWithBothDates()
    {
        var history = ACustomer().WithInvoiceRecord(new InvoiceRecord("INV-9", new DateTime(2026, 3, 10), new DateTime(2026, 3, 1), 10m)).Build();

        var error = Assert.Throws<CreditInputException>(() => HistorySummarizer.Summarize(history, AsOf));

        Assert.Equal("Invoice INV-9 is due on 2026-03-01, before its invoice date 2026-03-10.", error.Message);
    }

    [Fact]
    public void Summarize_InvoiceInAnotherCurrency_IsRejectedAskingForConversion()
    {
        var history = ACustomer().WithInvoiceRecord(new InvoiceRecord("INV-7", AsOf.AddDays(-5), AsOf.AddDays(25), 10m, Currency: "EUR")).Build();

        var error = Assert.Throws<CreditInputException>(() => HistorySummarizer.Summarize(history, AsOf));

        Assert.Contains("INV-7 is in EUR but the customer's credit is kept in USD", error.Message);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("")]
    public void Summarize_InvalidCurrencyCode_IsRejected(string currency)
    {
        Assert.Throws<CreditInputException>(() => HistorySummarizer.Summarize(ACustomer().InCurrency(currency).Build(), AsOf));
    }

    [Fact]
    public void Summarize_PaymentAppliedToUnknownInvoice_IsRejected()
    {
        var history = ACustomer().WithPayment(new PaymentRecord("P1", AsOf, 10m, [new PaymentAllocation("NOPE", 10m)])).Build();

        var error = Assert.Throws<CreditInputException>(() => HistorySummarizer.Summarize(history, AsOf));

        Assert.Contains("NOPE", error.Message);
    }

    [Fact]
    public void Summarize_PaymentAppliedBeyondItsAmount_IsRejected()
    {
        var history = ACustomer()
            .WithInvoice(10, 100m, null)
            .WithPayment(new PaymentRecord("P1", AsOf, 10m, [new PaymentAllocation("INV-1", 50m)]))
            .Build();

        var error = Assert.Throws<CreditInputException>(() => HistorySummarizer.Summarize(history, AsOf));

        Assert.Contains("USD 50.00", error.Message);
    }

    [Fact]
    public void Summarize_BureauScoreOutOfRange_IsRejected()
    {
        var history = ACustomer().WithBureauReport(10, 140, BureauRating.A).Build();

        var error = Assert.Throws<CreditInputException>(() => HistorySummarizer.Summarize(history, AsOf));

        Assert.Contains("between 0 and 100", error.Message);
    }

    [Fact]
    public void Summarize_DuplicateInvoiceId_IsRejected()
    {
        var invoice = new InvoiceRecord("INV-1", AsOf.AddDays(-5), AsOf.AddDays(25), 10m);

        Assert.Throws<CreditInputException>(() => HistorySummarizer.Summarize(ACustomer().WithInvoiceRecord(invoice).WithInvoiceRecord(invoice).Build(), AsOf));
    }

    [Fact]
    public void CreditInputException_IsAnArgumentException()
    {
        Assert.IsAssignableFrom<ArgumentException>(new CreditInputException("x"));
    }
}

public class HistorySummaryValidationTests
{
    private static HistorySummary Valid() => new() { CustomerId = "C", Currency = "USD", AsOf = new DateTime(2026, 6, 30) };

    [Fact]
    public void Score_SummaryWithMoreLateInvoicesThanInvoices_IsRejected()
    {
        var summary = Valid() with { Last6Months = new PaymentWindowStats { InvoiceCount = 2, IssuedCount = 2, LateCount = 3 } };

        var error = Assert.Throws<CreditInputException>(() => CreditOS.CreditEngine.Scoring.CreditScorer.Score(summary, Builders.Configs.Default));

        Assert.Contains("payment figures of the last 6 months are inconsistent", error.Message);
    }

    [Fact]
    public void Score_SummaryWithNegativeAgingBucket_IsRejected()
    {
        var summary = Valid() with { Aging = new AgingBalance(0, -1m, 0, 0, 0) };

        Assert.Throws<CreditInputException>(() => CreditOS.CreditEngine.Scoring.CreditScorer.Score(summary, Builders.Configs.Default));
    }

    [Fact]
    public void SummariesBuiltByTheSummarizer_AlwaysPassValidation()
    {
        CsCheck.Check.Sample(Builders.HistoryGen.History, history =>
        {
            var summary = HistorySummarizer.Summarize(history, AsOf);
            Assert.Null(Record.Exception(() => HistorySummaryValidator.Validate(summary)));
        });
    }
}

public class PaymentWindowIssuedCountTests
{
    [Fact]
    public void DisputeShare_WithoutIssuedCount_UsesTheInvoicesWithAKnownOutcome()
    {
        var window = new PaymentWindowStats { InvoiceCount = 8, DisputedCount = 2 };

        Assert.Equal(0.25, window.DisputedShare);
        HistorySummaryValidator.Validate(new HistorySummary { CustomerId = "C", Currency = "USD", AsOf = new DateTime(2026, 6, 30), Last12Months = window });
    }

    [Fact]
    public void DisputeShare_WithIssuedCount_UsesEveryInvoiceIssued()
    {
        Assert.Equal(0.2, new PaymentWindowStats { InvoiceCount = 8, IssuedCount = 10, DisputedCount = 2 }.DisputedShare);
    }
}
