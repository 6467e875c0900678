using CreditOS.CreditEngine.Limits;
using CreditOS.CreditEngine.Tests.Builders;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Limits;

public class LimitAdjustmentAdvisorTests
{
    private static LimitRecommendation Recommend(HistoryBuilder builder, decimal limit, double utilization)
    {
        var summary = builder.Summary();
        return LimitAdjustmentAdvisor.Recommend(summary, CreditAssessor.Assess(summary, Configs.Default), limit, utilization, new LimitAdjustmentRules());
    }

    [Fact]
    public void OnTimePayerUsingMostOfItsLimit_GetsARaiseOfOneStep()
    {
        var recommendation = Recommend(ACustomer().WithMonthlyInvoices(12, 20_000m, 0).WithInvoice(50, 20_000m, 0), 50_000m, 0.85);

        Assert.Equal(LimitAdjustmentDirection.Raise, recommendation.Direction);
        Assert.Equal(60_000m, recommendation.RecommendedLimit);
        Assert.False(recommendation.RequiresFinanceApproval);
        Assert.StartsWith("raise the limit from USD 50,000.00 to USD 60,000.00: 0 of 6 invoices paid late", recommendation.Reason);
    }

    [Fact]
    public void OnTimePayerWithLowUtilization_Keeps()
    {
        Assert.Equal(LimitAdjustmentDirection.Keep, Recommend(ACustomer().WithMonthlyInvoices(12, 20_000m, 0), 50_000m, 0.3).Direction);
    }

    [Fact]
    public void DeterioratingPayer_GetsALowerLimit()
    {
        var recommendation = Recommend(ACustomer().WithMonthlyInvoices(12, 20_000m, 25), 50_000m, 0.9);

        Assert.Equal(LimitAdjustmentDirection.Lower, recommendation.Direction);
        Assert.Equal(37_500m, recommendation.RecommendedLimit);
    }

    [Fact]
    public void LargeChanges_NeedFinanceApproval()
    {
        var recommendation = Recommend(ACustomer().WithMonthlyInvoices(12, 100_000m, 0).WithInvoice(50, 100_000m, 0), 200_000m, 0.9);

        Assert.Equal(240_000m, recommendation.RecommendedLimit);
        Assert.True(recommendation.RequiresFinanceApproval);
    }
}
