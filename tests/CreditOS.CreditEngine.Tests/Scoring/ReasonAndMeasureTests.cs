using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Tests.Scoring;

public class ReasonAndMeasureTests
{
    private static readonly HistorySummary Summary = new()
    {
        CustomerId = "C",
        Currency = "USD",
        AsOf = new DateTime(2026, 6, 30),
        Last3Months = new PaymentWindowStats { InvoiceCount = 4, IssuedCount = 5, LateCount = 2 },
        Last6Months = new PaymentWindowStats { InvoiceCount = 10, IssuedCount = 12, LateCount = 4, LateBeyond15DaysCount = 3, Amount = 10_000m, AmountTimesDaysLate = 125_000m },
        Last12Months = new PaymentWindowStats { InvoiceCount = 20, IssuedCount = 24, LateCount = 6, Amount = 20_000m, AmountTimesDaysLate = 150_000m, DisputedCount = 3 },
        Prior12Months = new PaymentWindowStats { InvoiceCount = 20, IssuedCount = 20, LateCount = 2 },
        Aging = new AgingBalance(6_000m, 2_000m, 1_000m, 500m, 500m),
        Promises = new PromiseCounts(1, 2, 0),
        MonthlyRevenue = [2_000m, 2_000m, 0m, 2_000m, 2_000m, 2_000m, 2_000m, 2_000m, 2_000m, 2_000m, 2_000m, 0m, 1_000m, 1_000m, 1_000m, 1_000m, 1_000m, 1_000m, 1_000m, 1_000m, 1_000m, 1_000m, 1_000m, 1_000m],
        LatestBureauReport = new BureauReport(new DateTime(2026, 6, 1), 35, BureauRating.D, 10_000m, 45, 1, 1, 2),
    };

    [Theory]
    [InlineData(ScoringFactor.LateShare6Months, 40, "40% of invoices in the last 6 months were paid late (4 of 10)")]
    [InlineData(ScoringFactor.LateBeyond15DaysShare6Months, 30, "30% of invoices in the last 6 months paid more than 15 days late (3 of 10)")]
    [InlineData(ScoringFactor.AmountWeightedDaysLate12Months, 7.5, "invoices of the last 12 months were paid 7.5 days beyond terms on average (weighted by amount)")]
    [InlineData(ScoringFactor.RecentLateShare3Months, 50, "50% of invoices in the last 3 months were paid late against 10% in the 12 months before last year")]
    [InlineData(ScoringFactor.OverdueMonthsOfSales, 2.4, "overdue balance USD 4,000.00 is 40% of open balance (2.4 months of sales)")]
    [InlineData(ScoringFactor.SeverelyOverdueMonthsOfSales, 0.6, "USD 1,000.00 has been overdue for more than 60 days (10% of open balance)")]
    [InlineData(ScoringFactor.BrokenPromises, 2, "2 promises to pay broken in the last 12 months")]
    [InlineData(ScoringFactor.DisputedShare12Months, 12.5, "3 of 24 invoices in the last 12 months were disputed")]
    [InlineData(ScoringFactor.BureauSolvency, 35, "bureau solvency score is 35 of 100")]
    [InlineData(ScoringFactor.BureauRating, 4, "bureau rating is D")]
    [InlineData(ScoringFactor.BureauDaysBeyondTerms, 45, "bureau days-beyond-terms score is 45")]
    [InlineData(ScoringFactor.BureauJudgments, 2, "2 judgment(s) or legal proceeding(s) on the bureau report")]
    [InlineData(ScoringFactor.BureauPrivileges, 2, "2 tax or social lien(s) on the bureau report")]
    [InlineData(ScoringFactor.ActiveMonths, 10, "bought in 10 of the last 12 months")]
    [InlineData(ScoringFactor.RevenueGrowth, 66.67, "revenue grew 67% against the prior 12 months")]
    [InlineData(ScoringFactor.RevenueVsSegment, 0.2, "revenue over the last 12 months is USD 20,000.00, 0.2× the segment's typical customer")]
    public void EachFactor_IsMeasuredFromTheSummaryAndExplainedInWords(ScoringFactor factor, double expectedMeasure, string expectedReason)
    {
        var measure = FactorMeasurer.Measure(factor, Summary, annualRevenueReference: 100_000m);

        Assert.NotNull(measure);
        Assert.Equal(expectedMeasure, measure.Value, 2);
        Assert.Equal(expectedReason, ReasonWriter.Describe(factor, measure.Value, Summary));
    }

    [Fact]
    public void RevenueVariability_IsTheCoefficientOfVariationOfMonthlyRevenue()
    {
        var measure = FactorMeasurer.Measure(ScoringFactor.RevenueVariability, Summary, 100_000m);

        // Ten months at 2,000 and two at 0: mean 1,666.67, standard deviation 745.36.
        Assert.Equal(0.4472, measure!.Value, 4);
        Assert.Equal("monthly revenue varies by 45% around its average", ReasonWriter.Describe(ScoringFactor.RevenueVariability, measure.Value, Summary));
    }

    [Fact]
    public void FallingRevenue_IsDescribedAsAFall()
    {
        Assert.Equal("revenue fell 30% against the prior 12 months", ReasonWriter.Describe(ScoringFactor.RevenueGrowth, -30, Summary));
    }

    [Fact]
    public void OverdueWithoutAnySales_CountsAsTheMaximumMonthsOfSales()
    {
        var noSales = Summary with { MonthlyRevenue = [] };

        Assert.Equal(FactorMeasurer.MonthsOfSalesWhenNoSales, FactorMeasurer.Measure(ScoringFactor.OverdueMonthsOfSales, noSales, 1m));
        Assert.Null(FactorMeasurer.Measure(ScoringFactor.RevenueGrowth, noSales, 1m));
    }
}
