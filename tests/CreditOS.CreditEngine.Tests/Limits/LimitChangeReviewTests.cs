using CreditOS.CreditEngine.Limits;
using CreditOS.CreditEngine.Tests.Builders;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Limits;

/// <summary>A rescoring never silently cuts a limit far below what the customer owes, nor raises it far on its own.</summary>
public class LimitChangeReviewTests
{
    private static CreditAssessment Computing(decimal limit, LimitChangeRules? rules = null)
    {
        var assessment = CreditAssessor.Assess(ACustomer().WithMonthlyInvoices(12, 20_000m, 0).Summary(), Configs.Default);
        return assessment with { CreditLimit = limit, Policy = assessment.Policy with { LimitChanges = rules ?? LimitChangeRules.Default } };
    }

    [Fact]
    public void CutWithinTheStep_AndAboveExposure_AppliesAtOnce()
    {
        var decision = LimitAdjustmentAdvisor.ReviewChange(100_000m, Computing(80_000m), exposure: 40_000m, financeDecided: false, "USD");

        Assert.Equal(80_000m, decision.LimitInForce);
        Assert.False(decision.NeedsReview);
    }

    [Fact]
    public void CutLargerThanTheStep_HoldsTheOldLimit_AndAsksFinance()
    {
        var decision = LimitAdjustmentAdvisor.ReviewChange(100_000m, Computing(25_000m), exposure: 10_000m, financeDecided: false, "USD");

        Assert.Equal(100_000m, decision.LimitInForce);
        Assert.Equal(LimitAdjustmentDirection.Lower, decision.Review!.Direction);
        Assert.Equal(25_000m, decision.Review.RecommendedLimit);
        Assert.Contains("a cut of 75%", decision.Review.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SmallCutBelowWhatTheCustomerOwes_AsksFinance()
    {
        var decision = LimitAdjustmentAdvisor.ReviewChange(100_000m, Computing(90_000m), exposure: 95_000m, financeDecided: false, "USD");

        Assert.Equal(100_000m, decision.LimitInForce);
        Assert.Contains("below the exposure of USD 95,000.00", decision.Review!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void StepDownGradually_LowersByOneStep_WhileTheStepStaysAboveExposure()
    {
        var rules = new LimitChangeRules { StepDownGradually = true };

        var step = LimitAdjustmentAdvisor.ReviewChange(100_000m, Computing(25_000m, rules), exposure: 10_000m, financeDecided: false, "USD");
        var belowExposure = LimitAdjustmentAdvisor.ReviewChange(100_000m, Computing(25_000m, rules), exposure: 80_000m, financeDecided: false, "USD");

        Assert.Equal(75_000m, step.LimitInForce);
        Assert.False(step.NeedsReview);
        Assert.Equal(100_000m, belowExposure.LimitInForce);
        Assert.True(belowExposure.NeedsReview);
    }

    [Fact]
    public void IncreaseAboveTheConfiguredAmount_AsksFinance_SmallerAppliesAtOnce()
    {
        var rules = new LimitChangeRules { IncreaseReviewAbove = 25_000m };

        var large = LimitAdjustmentAdvisor.ReviewChange(50_000m, Computing(100_000m, rules), exposure: 0m, financeDecided: false, "USD");
        var small = LimitAdjustmentAdvisor.ReviewChange(50_000m, Computing(70_000m, rules), exposure: 0m, financeDecided: false, "USD");

        Assert.Equal(50_000m, large.LimitInForce);
        Assert.Equal(LimitAdjustmentDirection.Raise, large.Review!.Direction);
        Assert.Equal(70_000m, small.LimitInForce);
        Assert.False(small.NeedsReview);
    }

    [Fact]
    public void FirstLimit_AndALimitFinanceSet_ApplyAsTheyAre()
    {
        Assert.Equal(5_000m, LimitAdjustmentAdvisor.ReviewChange(null, Computing(5_000m), 50_000m, financeDecided: false, "USD").LimitInForce);
        Assert.Equal(5_000m, LimitAdjustmentAdvisor.ReviewChange(100_000m, Computing(5_000m), 50_000m, financeDecided: true, "USD").LimitInForce);
    }
}
