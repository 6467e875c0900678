using CreditOS.CreditEngine.Decisions;
using static CreditOS.CreditEngine.Tests.Builders.OrderCheckBuilder;

namespace CreditOS.CreditEngine.Tests.Decisions;

/// <summary>Customer messages with a hold code and credit-group limits in the order decision.</summary>
public class HoldMessageAndGroupDecisionTests
{
    [Fact]
    public void Order_WithAnActiveHoldMessage_IsHeldWithTheMessagesText_EvenWellWithinTheLimit()
    {
        var decision = AnOrder(1_000m).ForAccountWithLimit(50_000m).WithHoldMessage("LEGAL", "Account in legal review: no new orders").Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, decision.Outcome);
        Assert.Equal(DecisionReasonCode.CustomerMessageHold, decision.PrimaryReason);
        Assert.False(decision.AllowsOrder);
        Assert.Equal(
            "Held by the customer message 'LEGAL' (Account in legal review: no new orders); credit management must end the message or Finance approve.",
            decision.Reasons.Single().Message);
    }

    [Fact]
    public void Order_WithTwoHoldMessages_CarriesBoth()
    {
        var decision = AnOrder(1_000m).WithHoldMessage("LEGAL", "In legal review").WithHoldMessage("DOCS", "Missing tax certificate").Decide();

        Assert.Equal(2, decision.Reasons.Count(r => r.Code == DecisionReasonCode.CustomerMessageHold));
        Assert.Contains("In legal review", decision.Message);
        Assert.Contains("Missing tax certificate", decision.Message);
    }

    [Fact]
    public void Order_WithinItsOwnLimit_ButOverTheGroupLimit_IsHeldNamingTheGroupWithItsFigures()
    {
        var decision = AnOrder(30_000m).ForAccountWithLimit(50_000m).WithOpenReceivables(10_000m)
            .InGroup("Northwind Holdings", groupLimit: 100_000m, groupExposure: 80_000m).Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, decision.Outcome);
        Assert.Equal(DecisionReasonCode.OverGroupLimit, decision.PrimaryReason);
        Assert.Equal(
            "This order of USD 30,000.00 takes the exposure of the credit group Northwind Holdings to USD 110,000.00 (110% of it), above the group limit of USD 100,000.00 (group available before the order USD 20,000.00); Finance must approve.",
            decision.Reasons.Single().Message);
    }

    [Fact]
    public void Order_OverItsOwnLimit_WithinTheGroup_IsHeldForItsOwnLimitOnly()
    {
        var decision = AnOrder(30_000m).ForAccountWithLimit(50_000m).WithOpenReceivables(25_000m)
            .InGroup("Northwind Holdings", groupLimit: 500_000m, groupExposure: 100_000m).Decide();

        Assert.Equal(DecisionReasonCode.OverCreditLimit, decision.PrimaryReason);
        Assert.False(decision.HasReason(DecisionReasonCode.OverGroupLimit));
    }

    [Fact]
    public void Order_OverBothLimits_SaysBoth()
    {
        var decision = AnOrder(30_000m).ForAccountWithLimit(50_000m).WithOpenReceivables(25_000m)
            .InGroup("Northwind Holdings", groupLimit: 100_000m, groupExposure: 90_000m).Decide();

        Assert.True(decision.HasReason(DecisionReasonCode.OverCreditLimit));
        Assert.True(decision.HasReason(DecisionReasonCode.OverGroupLimit));
    }

    [Fact]
    public void Order_FarOverTheGroupLimit_IsBlockedBeyondTheApprovalMargin()
    {
        var decision = AnOrder(40_000m).ForAccountWithLimit(100_000m)
            .InGroup("Northwind Holdings", groupLimit: 100_000m, groupExposure: 95_000m).Decide();

        Assert.Equal(DecisionOutcome.Block, decision.Outcome);
        Assert.Equal(DecisionReasonCode.OverGroupLimitBeyondApprovalMargin, decision.PrimaryReason);
        Assert.StartsWith("Blocked: this order of USD 40,000.00 takes the exposure of the credit group Northwind Holdings to USD 135,000.00", decision.Reasons.Single().Message);
    }

    [Fact]
    public void Order_InAGroupWithMembersInAnotherCurrency_GoesToFinance_SayingWhy()
    {
        var decision = AnOrder(1_000m).InGroup("Northwind Holdings", groupLimit: 100_000m, groupExposure: 10_000m, membersInOtherCurrencies: 1).Decide();

        Assert.Equal(DecisionReasonCode.GroupCurrenciesMixed, decision.PrimaryReason);
        Assert.Contains("cannot be added up against the group limit of USD 100,000.00", decision.Message);
    }

    [Fact]
    public void Order_WithinBothLimits_IsApproved()
    {
        var decision = AnOrder(10_000m).ForAccountWithLimit(50_000m).InGroup("Northwind Holdings", groupLimit: 100_000m, groupExposure: 90_000m).Decide();

        Assert.Equal(DecisionOutcome.Approve, decision.Outcome);
    }

    [Fact]
    public void Order_WithinItsGroupButOverTheGroupAbove_IsHeld_NamingTheUpperGroupOnly()
    {
        var decision = AnOrder(30_000m).ForAccountWithLimit(100_000m)
            .InGroup("Northwind Europe", groupLimit: 200_000m, groupExposure: 50_000m)
            .InGroup("Northwind Holdings", groupLimit: 300_000m, groupExposure: 290_000m).Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, decision.Outcome);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(DecisionReasonCode.OverGroupLimit, reason.Code);
        Assert.Equal(
            "This order of USD 30,000.00 takes the exposure of the credit group Northwind Holdings to USD 320,000.00 (106.67% of it), above the group limit of USD 300,000.00 (group available before the order USD 10,000.00); Finance must approve.",
            reason.Message);
    }

    [Fact]
    public void Order_OverTwoNestedGroups_NamesEach_AndTheHarshestOutcomeWins()
    {
        var decision = AnOrder(50_000m).ForAccountWithLimit(100_000m)
            .InGroup("Northwind Europe", groupLimit: 100_000m, groupExposure: 60_000m)
            .InGroup("Northwind Holdings", groupLimit: 100_000m, groupExposure: 90_000m).Decide();

        Assert.Equal(DecisionOutcome.Block, decision.Outcome);
        Assert.Contains(decision.Reasons, r => r.Code == DecisionReasonCode.OverGroupLimit && r.Message.Contains("Northwind Europe", StringComparison.Ordinal));
        Assert.Contains(decision.Reasons, r => r.Code == DecisionReasonCode.OverGroupLimitBeyondApprovalMargin && r.Message.Contains("Northwind Holdings", StringComparison.Ordinal));
    }
}
