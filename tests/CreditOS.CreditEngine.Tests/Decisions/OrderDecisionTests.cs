using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Policies;
using static CreditOS.CreditEngine.Tests.Builders.OrderCheckBuilder;

namespace CreditOS.CreditEngine.Tests.Decisions;

public class OrderDecisionTests
{
    private static readonly TrustedChannelTolerance Edi = new("EDI", MaximumOrderAmount: 2_500m, MaximumExcessOverLimit: 2_500m, OverdueTolerance: 1_000m, OverdueToleranceDays: 30);

    [Fact]
    public void Order_WithinLimit_IsApprovedWithTheFigures()
    {
        var decision = AnOrder(12_500m).ForAccountWithLimit(50_000m).WithOpenReceivables(20_000m).Decide();

        Assert.Equal(DecisionOutcome.Approve, decision.Outcome);
        Assert.Equal(DecisionReasonCode.WithinLimit, decision.PrimaryReason);
        Assert.Contains("Limit USD 50,000.00, exposure USD 20,000.00, available USD 30,000.00, order USD 12,500.00, overdue USD 0.00.", decision.Message);
    }

    [Fact]
    public void Order_OverLimit_IsHeldForFinanceStatingLimitExposureAvailableAndOrder()
    {
        var decision = AnOrder(5_000m).ForAccountWithLimit(50_000m).WithOpenReceivables(40_000m).WithOpenOrders(8_000m).Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, decision.Outcome);
        Assert.Equal(DecisionReasonCode.OverCreditLimit, decision.PrimaryReason);
        Assert.Equal(
            "This order of USD 5,000.00 takes exposure to USD 53,000.00, above the credit limit of USD 50,000.00 (available before the order USD 2,000.00); Finance must approve.",
            decision.Reasons.Single().Message);
    }

    [Fact]
    public void Order_FarOverLimit_IsBlockedBeyondTheApprovalMargin()
    {
        var decision = AnOrder(30_000m).ForAccountWithLimit(50_000m).WithOpenReceivables(40_000m).Decide();

        Assert.Equal(DecisionOutcome.Block, decision.Outcome);
        Assert.Equal(DecisionReasonCode.OverLimitBeyondApprovalMargin, decision.PrimaryReason);
        Assert.StartsWith("Blocked: this order of USD 30,000.00 takes exposure to USD 70,000.00", decision.Reasons.Single().Message);
    }

    [Fact]
    public void Order_ForSuspendedAccount_IsSuspendedWithTheReason()
    {
        var decision = AnOrder(100m).Suspended("the bureau report of 2026-06-01 shows 1 judgment(s)").Decide();

        Assert.Equal(DecisionOutcome.Suspended, decision.Outcome);
        Assert.Equal("New orders are suspended: the bureau report of 2026-06-01 shows 1 judgment(s).", decision.Reasons[0].Message);
        Assert.False(decision.AllowsOrder);
    }

    [Fact]
    public void Order_WithSeveralProblems_ListsEveryHoldReason()
    {
        var decision = AnOrder(5_000m).ForAccountWithLimit(50_000m).WithOpenReceivables(48_000m, overdue: 6_000m, overdueBeyondGrace: 4_200m, oldestOverdueDays: 42)
            .OnManualHold().Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, decision.Outcome);
        Assert.True(decision.HasReason(DecisionReasonCode.OverCreditLimit));
        Assert.True(decision.HasReason(DecisionReasonCode.OverdueBeyondGrace));
        Assert.True(decision.HasReason(DecisionReasonCode.ManualHold));
        Assert.Contains(decision.Reasons, r => r.Message == "USD 4,200.00 is overdue beyond the 5-day grace period (oldest item 42 days past due, USD 6,000.00 overdue in total); Finance must approve.");
    }

    [Fact]
    public void Order_WithOverdueOnlyWithinGrace_IsApprovedWithinGrace()
    {
        var decision = AnOrder(1_000m).WithOpenReceivables(10_000m, overdue: 3_000m, overdueBeyondGrace: 0m, oldestOverdueDays: 3).Decide();

        Assert.Equal(DecisionOutcome.ApproveWithinGrace, decision.Outcome);
        Assert.Equal("USD 3,000.00 is overdue but within the 5-day grace period.", decision.Reasons.Single().Message);
        Assert.True(decision.AllowsOrder);
    }

    [Fact]
    public void SmallOrder_FromTrustedChannel_SlightlyOverLimit_IsApprovedWithinTolerance()
    {
        var decision = AnOrder(2_000m).ForAccountWithLimit(50_000m).WithOpenReceivables(49_000m).ThroughTrustedChannel(Edi).Decide();

        Assert.Equal(DecisionOutcome.ApproveWithinGrace, decision.Outcome);
        Assert.Equal(DecisionReasonCode.OverLimitWithinChannelTolerance, decision.PrimaryReason);
        Assert.Contains("within the tolerance for small orders from the EDI channel", decision.Message);
    }

    [Fact]
    public void LargeOrder_FromTrustedChannel_OverLimit_StillNeedsApproval()
    {
        var decision = AnOrder(3_000m).ForAccountWithLimit(50_000m).WithOpenReceivables(49_000m).ThroughTrustedChannel(Edi).Decide();

        Assert.Equal(DecisionReasonCode.OverCreditLimit, decision.PrimaryReason);
    }

    [Fact]
    public void TrustedChannel_ToleratesSmallOverdueBeyondGrace()
    {
        var decision = AnOrder(500m).WithOpenReceivables(5_000m, overdue: 800m, overdueBeyondGrace: 800m, oldestOverdueDays: 20).ThroughTrustedChannel(Edi).Decide();

        Assert.Equal(DecisionOutcome.ApproveWithinGrace, decision.Outcome);
        Assert.Equal(DecisionReasonCode.OverdueWithinChannelTolerance, decision.PrimaryReason);
        Assert.Contains("oldest item 20 days past due), within the tolerance of the EDI channel", decision.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Session 29: the channel's overdue tolerance has the policy tolerance's days ceiling. Without it a small invoice
    /// forgotten for months let every EDI order through, while the same overdue held every other order.
    /// </summary>
    [Theory]
    [InlineData(30, DecisionOutcome.ApproveWithinGrace, DecisionReasonCode.OverdueWithinChannelTolerance)]
    [InlineData(31, DecisionOutcome.RequireApproval, DecisionReasonCode.OverdueBeyondGrace)]
    [InlineData(200, DecisionOutcome.RequireApproval, DecisionReasonCode.OverdueBeyondGrace)]
    public void TrustedChannel_SmallOverdueOlderThanItsDaysCeiling_HoldsTheOrder(int oldestDays, DecisionOutcome outcome, DecisionReasonCode reason)
    {
        var decision = AnOrder(500m).WithOpenReceivables(5_000m, overdue: 800m, overdueBeyondGrace: 800m, oldestOverdueDays: oldestDays).ThroughTrustedChannel(Edi).Decide();

        Assert.Equal(outcome, decision.Outcome);
        Assert.Equal(reason, decision.PrimaryReason);
    }

    [Fact]
    public void TrustedChannel_DaysCeilingAtOrBelowTheGraceDays_TurnsItsOverdueToleranceOff()
    {
        var decision = AnOrder(500m).WithOpenReceivables(5_000m, overdue: 800m, overdueBeyondGrace: 800m, oldestOverdueDays: 6)
            .ThroughTrustedChannel(Edi with { OverdueToleranceDays = 5 }).Decide();

        Assert.Equal(DecisionReasonCode.OverdueBeyondGrace, decision.PrimaryReason);
    }

    [Fact]
    public void TemporaryLimit_AppliesUntilItsExpiry()
    {
        var valid = AnOrder(10_000m).ForAccountWithLimit(50_000m).WithOpenReceivables(45_000m).WithTemporaryLimit(60_000m, Today).Decide();
        var expired = AnOrder(10_000m).ForAccountWithLimit(50_000m).WithOpenReceivables(45_000m).WithTemporaryLimit(60_000m, Today.AddDays(-1)).Decide();

        Assert.Equal(DecisionOutcome.Approve, valid.Outcome);
        Assert.Equal(60_000m, valid.Figures.Limit);
        Assert.Equal(DecisionOutcome.RequireApproval, expired.Outcome);
    }

    [Fact]
    public void Order_OnPrepaymentTerms_AwaitsPrepaymentWhateverTheLimit_NotFinance()
    {
        var decision = AnOrder(800m).ForAccountWithLimit(0m).WithTerms(new OrderPolicyTerms(0, ApprovalRequirement.OverLimitOnly, 1.0, RequiresPrepayment: true)).Decide();

        Assert.Equal(DecisionOutcome.AwaitPrepayment, decision.Outcome);
        Assert.True(decision.AwaitsPrepayment);
        Assert.False(decision.AllowsOrder);
        Assert.False(decision.Refuses);
        Assert.StartsWith("Awaiting prepayment.", decision.Message, StringComparison.Ordinal);
        Assert.Equal(DecisionReasonCode.PrepaymentRequired, decision.PrimaryReason);
        Assert.Equal("The customer is on prepayment terms: the order of USD 800.00 is released once paid in advance.", decision.Reasons.Single().Message);
    }

    [Fact]
    public void Order_OnPrepaymentTerms_WithAnotherHoldReason_GoesToFinance()
    {
        var overdue = AnOrder(800m).ForAccountWithLimit(0m).WithOpenReceivables(5_000m, overdue: 800m, overdueBeyondGrace: 800m, oldestOverdueDays: 20)
            .WithTerms(new OrderPolicyTerms(0, ApprovalRequirement.OverLimitOnly, 1.0, RequiresPrepayment: true)).Decide();
        var everyOrder = AnOrder(800m).ForAccountWithLimit(0m).WithTerms(new OrderPolicyTerms(0, ApprovalRequirement.EveryOrder, 1.0, RequiresPrepayment: true)).Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, everyOrder.Outcome);
        Assert.False(everyOrder.AwaitsPrepayment);
        Assert.Equal([DecisionReasonCode.PrepaymentRequired, DecisionReasonCode.PolicyRequiresApproval], everyOrder.HoldReasons.Select(r => r.Code));
        Assert.Equal(DecisionOutcome.RequireApproval, overdue.Outcome);
        Assert.Equal([DecisionReasonCode.PrepaymentRequired, DecisionReasonCode.OverdueBeyondGrace], overdue.HoldReasons.Select(r => r.Code));
    }

    [Fact]
    public void Order_WithoutAnyLimit_IsBlocked()
    {
        var decision = AnOrder(800m).ForAccountWithLimit(0m).Decide();

        Assert.Equal(DecisionOutcome.Block, decision.Outcome);
    }

    [Fact]
    public void Order_UnderPolicyRequiringApprovalOfEveryOrder_IsHeldEvenWithinLimit()
    {
        var decision = AnOrder(100m).WithTerms(new OrderPolicyTerms(0, ApprovalRequirement.EveryOrder, 1.0, false)).Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, decision.Outcome);
        Assert.Equal(DecisionReasonCode.PolicyRequiresApproval, decision.PrimaryReason);
    }

    [Fact]
    public void Order_InAnotherCurrency_IsRejectedWithAClearError()
    {
        var error = Assert.Throws<CreditInputException>(() => AnOrder(100m).InCurrency("EUR").Decide());

        Assert.Contains("The order is in EUR but the customer's credit is kept in USD", error.Message);
    }

    [Fact]
    public void Order_WithNegativeAmount_IsRejected()
    {
        var error = Assert.Throws<CreditInputException>(() => AnOrder(-1m).Decide());

        Assert.Contains("The order amount must not be negative", error.Message);
    }

    [Fact]
    public void Order_WithOverdueAboveOpenReceivables_IsRejectedAsInconsistent()
    {
        Assert.Throws<CreditInputException>(() => AnOrder(1m).WithOpenReceivables(100m, overdue: 200m).Decide());
    }
}

public class ExclusionRuleTests
{
    [Fact]
    public void Order_ReleasedByAnExclusionRule_IsApprovedWithoutFurtherChecks()
    {
        var input = Builders.OrderCheckBuilder.AnOrder(90_000m).ForAccountWithLimit(1_000m).OnManualHold().Build() with { ExclusionRule = "warranty replacement" };

        var decision = OrderDecisionEngine.Decide(input);

        Assert.Equal(DecisionOutcome.Approve, decision.Outcome);
        Assert.Equal("Released without credit checks by the exclusion rule 'warranty replacement'.", decision.Reasons.Single().Message);
    }

    [Fact]
    public void ExclusionRule_DoesNotOverrideASuspension()
    {
        var input = Builders.OrderCheckBuilder.AnOrder(10m).Suspended("fraud").Build() with { ExclusionRule = "warranty replacement" };

        Assert.Equal(DecisionOutcome.Suspended, OrderDecisionEngine.Decide(input).Outcome);
    }
}
