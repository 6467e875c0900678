using CreditOS.CreditEngine.Approvals;

namespace CreditOS.CreditEngine.Tests.Approvals;

/// <summary>When a rep's limit increase is applied without Finance, and until when.</summary>
public class SelfServedLimitIncreaseTests
{
    private static readonly DateTime Today = new(2026, 3, 2);

    [Fact]
    public void ACreditCustomersSmallIncrease_IsAppliedUntilTheRoutesLongestTemporaryLimit_OrFinancesSoonerReviewDate()
    {
        var plain = SelfServedLimitIncrease.Decide(Asking(60_000m));
        var underFinance = SelfServedLimitIncrease.Decide(Asking(60_000m, financeReviewOn: Today.AddDays(20), financeLimitInForce: true));

        Assert.True(plain.AppliesWithoutFinance);
        Assert.Equal(Today.AddDays(90), plain.ReviewOn);
        Assert.Equal(Today.AddDays(20), underFinance.ReviewOn);
    }

    [Fact]
    public void Finance_Decides_ForACustomerOnPrepayment_Unscored_Suspended_OrBeyondTheAmountWithTheEarlierIncreases()
    {
        Assert.Contains("prepayment", SelfServedLimitIncrease.Decide(Asking(60_000m, prepay: true)).WhyFinance, StringComparison.Ordinal);
        Assert.True(SelfServedLimitIncrease.Decide(Asking(60_000m, prepay: true, financeLimitInForce: true)).AppliesWithoutFinance);
        Assert.Contains("not been scored", SelfServedLimitIncrease.Decide(Asking(60_000m, scored: false)).WhyFinance, StringComparison.Ordinal);
        Assert.Contains("suspended", SelfServedLimitIncrease.Decide(Asking(60_000m, suspended: true)).WhyFinance, StringComparison.Ordinal);
        Assert.Contains("it would be 35,000.00, more than the 25,000.00", SelfServedLimitIncrease.Decide(Asking(60_000m, earlier: 25_000m)).WhyFinance, StringComparison.Ordinal);
        Assert.False(SelfServedLimitIncrease.Decide(Asking(60_000m, earlier: 25_000m)).AppliesWithoutFinance);
    }

    private static SelfServedLimitRequest Asking(decimal requested, bool prepay = false, bool scored = true, bool suspended = false, decimal earlier = 0m, bool financeLimitInForce = false, DateTime? financeReviewOn = null) => new()
    {
        CurrentLimit = 50_000m,
        RequestedLimit = requested,
        AlreadyRaisedWithoutFinance = earlier,
        NoApprovalAmount = 25_000m,
        IsScored = scored,
        IsSuspended = suspended,
        PolicyRequiresPrepayment = prepay,
        FinanceLimitInForce = financeLimitInForce,
        FinanceReviewOn = financeReviewOn,
        LongestTemporaryDays = 90,
        AsOf = Today.AddHours(10),
    };
}
