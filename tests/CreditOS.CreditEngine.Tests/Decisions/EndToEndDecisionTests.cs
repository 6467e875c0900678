using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Exposure;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Tests.Builders;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Decisions;

/// <summary>From raw history to the order decision, as the batch job and the local run do it.</summary>
public class EndToEndDecisionTests
{
    private static OrderDecision Decide(HistoryBuilder builder, decimal orderAmount, string channel = "Sales")
    {
        var history = builder.Build();
        var assessment = CreditAssessor.Assess(history, AsOf, Configs.Default);
        var exposure = ExposureSnapshotFactory.FromHistory(history, AsOf, assessment.Policy.GraceDays);
        return OrderDecisionEngine.Decide(OrderCheckInputFactory.FromAssessment(assessment, exposure, orderAmount, channel, AsOf, Configs.Default));
    }

    [Fact]
    public void NewCustomer_FirstOrder_IsHeldForPrepayment()
    {
        Assert.Equal(DecisionReasonCode.PrepaymentRequired, Decide(ACustomer(), 1_000m).PrimaryReason);
    }

    [Fact]
    public void GoodCustomer_OrderWithinLimit_IsApproved()
    {
        Assert.Equal(DecisionOutcome.Approve, Decide(ACustomer().WithMonthlyInvoices(12, 10_000m, 0), 5_000m).Outcome);
    }

    [Fact]
    public void CustomerWithJudgment_IsSuspendedWithTheBureauFacts()
    {
        var decision = Decide(ACustomer().WithMonthlyInvoices(12, 10_000m, 0).WithBureauReport(3, 70, BureauRating.B, judgments: 1), 100m);

        Assert.Equal(DecisionOutcome.Suspended, decision.Outcome);
        Assert.Contains("judgment", decision.Message);
    }

    [Fact]
    public void ManualHoldFlag_SendsOrdersToFinance()
    {
        var decision = Decide(ACustomer().WithMonthlyInvoices(12, 10_000m, 0).Flagged(manualHold: true), 100m);

        Assert.True(decision.HasReason(DecisionReasonCode.ManualHold));
    }

    [Fact]
    public void SmallEdiOrder_JustOverTheLimit_IsApprovedWithinTolerance()
    {
        var limit = CreditAssessor.Assess(ACustomer().WithMonthlyInvoices(12, 2_000m, 0).Build(), AsOf, Configs.Default).CreditLimit;

        // An invoice of this month, not yet due, leaves 1,000 of the limit available (and changes no score).
        var builder = ACustomer().WithMonthlyInvoices(12, 2_000m, 0).WithInvoice(5, limit - 1_000m, null);
        var decision = Decide(builder, 2_000m, DefaultCreditConfiguration.EdiChannel);

        Assert.Equal(DecisionReasonCode.OverLimitWithinChannelTolerance, decision.PrimaryReason);
    }
}
