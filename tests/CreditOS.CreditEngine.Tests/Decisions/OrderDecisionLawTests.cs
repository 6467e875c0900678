using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Exposure;
using CreditOS.CreditEngine.Policies;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Decisions;

public class OrderDecisionLawTests
{
    private static readonly DateTime Today = new(2026, 6, 30);

    private static readonly Gen<OrderCheckInput> Input =
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, 200_000], Gen.Int[0, 50_000], Gen.Int[0, 100], Gen.Int[0, 100], Gen.Int[0, 3], Gen.Int[0, 30_000], Gen.Int[0, 1])
            .Select((order, open, openOrders, overduePercent, beyondPercent, policy, credits, trusted) =>
            {
                var overdue = open * overduePercent / 100;
                var beyond = overdue * beyondPercent / 100;
                return new OrderCheckInput
                {
                    AsOf = Today,
                    OrderAmount = order,
                    OrderCurrency = "USD",
                    Channel = trusted == 1 ? "EDI" : "Sales",
                    ExposureBeforeOrder = new ExposureSnapshot
                    {
                        Currency = "USD",
                        OpenReceivables = open,
                        OpenOrdersNotInvoiced = openOrders,
                        UnappliedCredits = credits,
                        OverdueAmount = overdue,
                        OverdueBeyondGraceAmount = beyond,
                    },
                    Limit = new CreditLimitState(0m),
                    Terms = new OrderPolicyTerms(5, policy == 3 ? ApprovalRequirement.EveryOrder : ApprovalRequirement.OverLimitOnly, policy == 0 ? null : 1 + (policy * 0.1), false),
                    ChannelTolerance = trusted == 1 ? new TrustedChannelTolerance("EDI", 2_500m, 2_500m, 1_000m, 30) : null,
                };
            });

    [Fact]
    public void MoreGroupExposure_NeverMakesTheOutcomeLessSevere_AndAHigherGroupLimitNeverMoreSevere()
    {
        Gen.Select(Input, Gen.Int[0, 300_000], Gen.Int[0, 300_000], Gen.Int[1, 100_000]).Sample((input, groupLimit, groupExposure, more) =>
        {
            var withLimit = input with { Limit = new CreditLimitState(150_000m) };
            var baseline = OrderDecisionEngine.Decide(withLimit with { Groups = [new CreditGroupPosition("G", groupLimit, groupExposure)] });
            var moreExposure = OrderDecisionEngine.Decide(withLimit with { Groups = [new CreditGroupPosition("G", groupLimit, groupExposure + more)] });
            var higherLimit = OrderDecisionEngine.Decide(withLimit with { Groups = [new CreditGroupPosition("G", groupLimit + more, groupExposure)] });

            Assert.True(moreExposure.Outcome >= baseline.Outcome, $"group exposure {groupExposure} -> {groupExposure + more}: {baseline.Outcome} -> {moreExposure.Outcome}");
            Assert.True(higherLimit.Outcome <= baseline.Outcome, $"group limit {groupLimit} -> {groupLimit + more}: {baseline.Outcome} -> {higherLimit.Outcome}");

            // A group higher up the hierarchy only adds a limit to keep: being in one more group never eases an order.
            var inUpperGroupToo = OrderDecisionEngine.Decide(withLimit with { Groups = [new CreditGroupPosition("G", groupLimit, groupExposure), new CreditGroupPosition("H", groupLimit + more, groupExposure + more)] });
            Assert.True(inUpperGroupToo.Outcome >= baseline.Outcome, $"adding an upper group: {baseline.Outcome} -> {inUpperGroupToo.Outcome}");
        });
    }

    [Fact]
    public void AnActiveHoldMessage_NeverLetsAnOrderThroughUnchecked()
    {
        Input.Sample(input =>
        {
            var held = OrderDecisionEngine.Decide(input with { HoldMessages = [new HoldMessage("LEGAL", "In legal review")] });

            Assert.False(held.AllowsOrder);
            Assert.True(held.HasReason(DecisionReasonCode.CustomerMessageHold));
        });
    }

    [Fact]
    public void AHigherLimit_NeverMakesTheOutcomeMoreSevere()
    {
        Gen.Select(Input, Gen.Int[0, 300_000], Gen.Int[1, 100_000]).Sample((input, limit, raise) =>
        {
            var lower = OrderDecisionEngine.Decide(input with { Limit = new CreditLimitState(limit) });
            var higher = OrderDecisionEngine.Decide(input with { Limit = new CreditLimitState(limit + raise) });

            Assert.True(higher.Outcome <= lower.Outcome, lower.Outcome + " became " + higher.Outcome);
            Assert.False(lower.AllowsOrder && higher.Outcome == DecisionOutcome.Block);
        });
    }

    [Fact]
    public void Exposure_IsNeverNegative()
    {
        Gen.Select(Input, Gen.Int[0, 300_000]).Sample((input, limit) =>
        {
            var decision = OrderDecisionEngine.Decide(input with { Limit = new CreditLimitState(limit) });

            Assert.True(input.ExposureBeforeOrder.Total >= 0);
            Assert.True(decision.Figures.ExposureBeforeOrder >= 0);
            Assert.True(decision.Figures.ExposureWithOrder >= decision.Figures.OrderAmount);
        });
    }

    [Fact]
    public void Decisions_AreDeterministic()
    {
        Gen.Select(Input, Gen.Int[0, 300_000]).Sample((input, limit) =>
        {
            var check = input with { Limit = new CreditLimitState(limit) };
            var first = OrderDecisionEngine.Decide(check);
            var second = OrderDecisionEngine.Decide(check);

            Assert.Equal(first.Outcome, second.Outcome);
            Assert.Equal(first.Message, second.Message);
        });
    }
}
