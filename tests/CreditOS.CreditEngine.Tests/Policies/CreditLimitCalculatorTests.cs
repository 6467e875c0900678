using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Policies;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Policies;

public class CreditLimitCalculatorTests
{
    private static readonly CreditPolicy Policy = new() { Code = "P", Name = "Standard", BaseLimit = 25_000m, LimitHeadroom = 1.25m, OrderToInvoiceDays = 7, HardCap = 100_000m, PaymentTermsDays = 30 };

    [Fact]
    public void SmallCustomer_GetsTheBaseLimit()
    {
        var result = CreditLimitCalculator.Calculate(Policy, ACustomer().WithMonthlyInvoices(12, 1_000m, 0).Summary(), AccountCreditContext.None);

        Assert.Equal(25_000m, result.Limit);
        Assert.Equal("base limit USD 25,000.00 of policy Standard", result.Explanation);
    }

    [Fact]
    public void LargerCustomer_GetsItsExpectedPeakExposureWithTheTiersHeadroom()
    {
        var result = CreditLimitCalculator.Calculate(Policy, ACustomer().WithMonthlyInvoices(12, 25_000m, 0).Summary(), AccountCreditContext.None);

        // 25,000 a month × (30 terms + 0 beyond + 7 order-to-invoice) / 30 = 30,833.33; × 1.25 = 38,541.67, rounded up to 100.
        Assert.Equal(38_600m, result.Limit);
        Assert.StartsWith("expected peak exposure USD 30,833.33 (average monthly sales USD 25,000.00 × (30 terms + 0 usual days beyond terms + 7 order-to-invoice days) / 30) × headroom 1.25", result.Explanation);
    }

    [Fact]
    public void CustomersUsualDaysBeyondTerms_LengthenTheCycle_UpToTheTermsThemselves()
    {
        var tenDaysLate = CreditLimitCalculator.ExpectedPeakExposure.Of(Policy, ACustomer().WithMonthlyInvoices(12, 25_000m, 10).Summary());
        var ninetyDaysLate = CreditLimitCalculator.ExpectedPeakExposure.Of(Policy, ACustomer().WithMonthlyInvoices(12, 25_000m, 90).Summary());

        Assert.Equal(10, tenDaysLate.DaysBeyondTerms);
        Assert.Equal(47, tenDaysLate.CycleDays);
        Assert.Equal(30, ninetyDaysLate.DaysBeyondTerms);
        Assert.True(CreditLimitCalculator.Calculate(Policy, ACustomer().WithMonthlyInvoices(12, 25_000m, 10).Summary(), AccountCreditContext.None).Limit > 38_600m);
    }

    [Fact]
    public void CustomerInvoicedOnLongerTermsThanThePolicy_GetsItsInvoicedTermsInTheCycle()
    {
        var net60 = ACustomer();
        var net15 = ACustomer();
        for (var month = 1; month <= 12; month++)
        {
            net60 = net60.WithInvoice(month * 30, 25_000m, daysLate: 0, netDays: 60);
            net15 = net15.WithInvoice(month * 30, 25_000m, daysLate: 0, netDays: 15);
        }

        var longer = CreditLimitCalculator.ExpectedPeakExposure.Of(Policy, net60.Summary());
        var shorter = CreditLimitCalculator.ExpectedPeakExposure.Of(Policy, net15.Summary());

        // An ERP that bills on net 60 keeps invoices open 60 days whatever the policy's 30 say; shorter invoiced terms
        // leave the policy's terms in force.
        Assert.Equal(60, longer.TermsDays);
        Assert.Equal(67, longer.CycleDays);
        Assert.Equal(30, shorter.TermsDays);
        Assert.Contains("(60 terms + 0 usual days beyond terms + 7 order-to-invoice days)", CreditLimitCalculator.Calculate(Policy, net60.Summary(), AccountCreditContext.None).Explanation);
    }

    [Fact]
    public void ShortHistory_AveragesOverTheMonthsItHas()
    {
        var summary = ACustomer().WithMonthlyInvoices(4, 30_000m, 0).Summary();
        var peak = CreditLimitCalculator.ExpectedPeakExposure.Of(Policy, summary);

        Assert.Equal(summary.Revenue12Months / summary.MonthsOfHistory, peak.AverageMonthlySales);
        Assert.True(summary.MonthsOfHistory < 12);
    }

    [Fact]
    public void Limit_IsCappedByTheHardCapAndTheBureauRecommendation()
    {
        var capped = CreditLimitCalculator.Calculate(Policy, ACustomer().WithMonthlyInvoices(12, 100_000m, 0).Summary(), AccountCreditContext.None);
        var bureau = CreditLimitCalculator.Calculate(Policy, ACustomer().WithMonthlyInvoices(12, 25_000m, 0).WithBureauReport(10, 60, BureauRating.C, recommended: 30_000m).Summary(), AccountCreditContext.None);

        Assert.Equal(100_000m, capped.Limit);
        Assert.Contains("capped at USD 100,000.00", capped.Explanation);
        Assert.Equal(30_000m, bureau.Limit);
        Assert.Contains("held to the bureau's recommended credit USD 30,000.00", bureau.Explanation);
    }

    [Fact]
    public void FinanceApprovedLimit_MayExceedTheBureauRecommendation()
    {
        var summary = ACustomer().WithMonthlyInvoices(12, 25_000m, 0).WithBureauReport(10, 60, BureauRating.C, recommended: 30_000m).Summary();

        Assert.Equal(70_000m, CreditLimitCalculator.Calculate(Policy, summary, new AccountCreditContext(70_000m)).Limit);
    }

    [Theory]
    [InlineData(30, 0, 0, "Net 30")]
    [InlineData(30, 2, 10, "2/10 net 30")]
    [InlineData(45, 1.5, 15, "1.5/15 net 45")]
    public void PaymentTerms_ReadTheWayFinanceWritesThem(int net, double discount, int discountDays, string expected)
    {
        var policy = Policy with { PaymentTermsDays = net, EarlyPaymentDiscountPercent = (decimal)discount, EarlyPaymentDiscountDays = discountDays };

        Assert.Equal(expected, policy.TermsText);
        Assert.Equal(new DateTime(2026, 1, 1).AddDays(net), PaymentTermsText.DueDate(policy, new DateTime(2026, 1, 1)));
    }
}
