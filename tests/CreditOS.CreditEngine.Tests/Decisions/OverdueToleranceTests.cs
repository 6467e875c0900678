using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Exposure;
using CreditOS.CreditEngine.Policies;
using CsCheck;
using static CreditOS.CreditEngine.Tests.Builders.OrderCheckBuilder;

namespace CreditOS.CreditEngine.Tests.Decisions;

/// <summary>
/// The policy's overdue tolerance: a small, recent overdue total does not hold an order (approved within tolerance, the
/// amount named); a larger total, or an old item of any size, holds it as before.
/// </summary>
public class OverdueToleranceTests
{
    /// <summary>Standard's shipped tolerance: 500, at most 2% of the limit, oldest item at most 30 days past due (grace 5).</summary>
    private static readonly OverdueTolerance Standard = new(500m, 0.02m, 30);

    private static OrderPolicyTerms TermsWith(OverdueTolerance tolerance, int graceDays = 5) =>
        new(graceDays, ApprovalRequirement.OverLimitOnly, BlockAboveUtilization: null, RequiresPrepayment: false, tolerance);

    [Fact]
    public void OneSmallForgottenInvoice_DoesNotHoldTheOrder_ButTheReasonNamesTheAmountToCollect()
    {
        var decision = AnOrder(2_000m).ForAccountWithLimit(40_000m).WithOpenReceivables(20_000m, overdue: 40m, overdueBeyondGrace: 40m, oldestOverdueDays: 12)
            .WithTerms(TermsWith(Standard)).Decide();

        Assert.Equal(DecisionOutcome.ApproveWithinGrace, decision.Outcome);
        Assert.True(decision.AllowsOrder);
        Assert.Empty(decision.HoldReasons);
        Assert.Equal(DecisionReasonCode.OverdueWithinTolerance, decision.PrimaryReason);
        Assert.Equal(
            "USD 40.00 is overdue beyond the 5-day grace period (oldest item 12 days past due), within the policy's overdue tolerance of USD 500.00 while the oldest item is at most 30 days past due: the order is not held; collect the USD 40.00 from the customer.",
            decision.Reasons.Single().Message);
        Assert.StartsWith("Approved within tolerance. USD 40.00 is overdue", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutATolerance_TheSameInvoiceHoldsTheOrder_AsBefore()
    {
        var decision = AnOrder(2_000m).ForAccountWithLimit(40_000m).WithOpenReceivables(20_000m, overdue: 40m, overdueBeyondGrace: 40m, oldestOverdueDays: 12)
            .WithTerms(TermsWith(OverdueTolerance.None)).Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, decision.Outcome);
        Assert.Equal(
            "USD 40.00 is overdue beyond the 5-day grace period (oldest item 12 days past due, USD 40.00 overdue in total); Finance must approve.",
            decision.Reasons.Single().Message);
    }

    [Fact]
    public void AnOldOverdueItem_HoldsWhateverItsAmount_TheToleranceNeverHidesDelinquency()
    {
        var decision = AnOrder(2_000m).ForAccountWithLimit(40_000m).WithOpenReceivables(20_000m, overdue: 40m, overdueBeyondGrace: 40m, oldestOverdueDays: 31)
            .WithTerms(TermsWith(Standard)).Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, decision.Outcome);
        Assert.Equal(DecisionReasonCode.OverdueBeyondGrace, decision.PrimaryReason);
        Assert.Equal(
            "USD 40.00 is overdue beyond the 5-day grace period (oldest item 31 days past due, USD 40.00 overdue in total; above the policy's overdue tolerance of USD 500.00 while the oldest item is at most 30 days past due); Finance must approve.",
            decision.Reasons.Single().Message);
    }

    [Fact]
    public void ManySmallOverdueInvoices_AddUp_TheToleranceIsOnTheTotalNotPerInvoice()
    {
        // Twenty invoices of 40 each, every one under the 500 tolerance: 800 in total beyond grace holds the order.
        var decision = AnOrder(2_000m).ForAccountWithLimit(40_000m).WithOpenReceivables(20_000m, overdue: 20 * 40m, overdueBeyondGrace: 20 * 40m, oldestOverdueDays: 10)
            .WithTerms(TermsWith(Standard)).Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, decision.Outcome);
        Assert.Equal(DecisionReasonCode.OverdueBeyondGrace, decision.PrimaryReason);
    }

    [Fact]
    public void ASmallLimit_ToleratesLess_TheShareOfTheLimitCapsTheAmount()
    {
        // 2% of a 10,000 limit is 200: 300 overdue holds although it is under the 500 amount.
        var held = AnOrder(500m).ForAccountWithLimit(10_000m).WithOpenReceivables(5_000m, overdue: 300m, overdueBeyondGrace: 300m, oldestOverdueDays: 10)
            .WithTerms(TermsWith(Standard)).Decide();
        var approved = AnOrder(500m).ForAccountWithLimit(10_000m).WithOpenReceivables(5_000m, overdue: 200m, overdueBeyondGrace: 200m, oldestOverdueDays: 10)
            .WithTerms(TermsWith(Standard)).Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, held.Outcome);
        Assert.Contains("above the policy's overdue tolerance of USD 200.00 (2% of the limit) while the oldest item is at most 30 days past due", held.Message, StringComparison.Ordinal);
        Assert.Equal(DecisionOutcome.ApproveWithinGrace, approved.Outcome);
    }

    [Fact]
    public void TheToleranceNeverLiftsAnotherHold()
    {
        var decision = AnOrder(25_000m).ForAccountWithLimit(40_000m).WithOpenReceivables(20_000m, overdue: 40m, overdueBeyondGrace: 40m, oldestOverdueDays: 12)
            .WithTerms(TermsWith(Standard)).Decide();

        Assert.Equal(DecisionOutcome.RequireApproval, decision.Outcome);
        Assert.Equal([DecisionReasonCode.OverCreditLimit], decision.HoldReasons.Select(r => r.Code));
        Assert.True(decision.HasReason(DecisionReasonCode.OverdueWithinTolerance));
    }

    [Fact]
    public void ShippedPolicies_HaveATolerance_OnCreditTermsOnly()
    {
        var policies = DefaultCreditConfiguration.Create().Policies.ToDictionary(p => p.Code);

        Assert.Equal(new OverdueTolerance(1_000m, 0.02m, 30), policies[DefaultCreditConfiguration.Strategic].OverdueTolerance);
        Assert.Equal(Standard, policies[DefaultCreditConfiguration.Standard].OverdueTolerance);
        Assert.Equal(new OverdueTolerance(250m, 0.01m, 15), policies[DefaultCreditConfiguration.Watch].OverdueTolerance);
        Assert.True(policies[DefaultCreditConfiguration.Restricted].OverdueTolerance.IsNone);
        Assert.True(policies[DefaultCreditConfiguration.Prepay].OverdueTolerance.IsNone);
        Assert.True(policies[DefaultCreditConfiguration.Starter].OverdueTolerance.IsNone);
        foreach (var policy in policies.Values.Where(p => !p.OverdueTolerance.IsNone))
        {
            Assert.True(policy.OverdueTolerance.MaximumDaysPastDue > policy.GraceDays, policy.Code);
            Assert.True(policy.OverdueTolerance.Amount < policy.OverdueAlertAmount, policy.Code);
        }
    }

    [Theory]
    [InlineData(-1, 0, 30, "negative overdue tolerance")]
    [InlineData(500, 1.5, 30, "use at most 100%")]
    public void ThePolicyValidator_RefusesAToleranceThatCannotWork(int amount, double share, int days, string expected)
    {
        var policy = DefaultCreditConfiguration.Create().Policies.Single(p => p.Code == DefaultCreditConfiguration.Standard) with
        {
            OverdueTolerance = new OverdueTolerance(amount, (decimal)share, days),
        };
        var errors = new List<string>();

        CreditOS.CreditEngine.Configuration.CreditPolicyValidator.Validate(policy, errors);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal) && e.StartsWith("Credit policy 'Standard'", StringComparison.Ordinal));
    }

    [Fact]
    public void ADaysCeilingWithinTheGracePeriod_TurnsTheToleranceOff_AndIsNoConfigurationError()
    {
        var offByCeiling = TermsWith(new OverdueTolerance(500m, 0.02m, 5), graceDays: 5);
        var decision = AnOrder(2_000m).ForAccountWithLimit(40_000m).WithOpenReceivables(20_000m, overdue: 40m, overdueBeyondGrace: 40m, oldestOverdueDays: 6)
            .WithTerms(offByCeiling).Decide();
        var errors = new List<string>();
        var policy = DefaultCreditConfiguration.Create().Policies.Single(p => p.Code == DefaultCreditConfiguration.Standard) with { GraceDays = 30 };

        CreditOS.CreditEngine.Configuration.CreditPolicyValidator.Validate(policy, errors);

        Assert.Equal(DecisionOutcome.RequireApproval, decision.Outcome);
        Assert.Empty(errors);
    }

    [Fact]
    public void TermsWithoutATolerance_HaveNone()
    {
        Assert.Equal(OverdueTolerance.None, new OrderPolicyTerms(5, ApprovalRequirement.OverLimitOnly, null, false).Tolerance);
    }

    // ---- Laws (CsCheck) ----

    private static readonly Gen<OverdueTolerance> Tolerances =
        Gen.Select(Gen.Int[0, 3_000], Gen.Int[0, 10], Gen.Int[0, 90]).Select((amount, percent, days) => new OverdueTolerance(amount, percent / 100m, days));

    /// <summary>Any order check with overdue of every shape, with or without a trusted channel, under <paramref name="tolerance"/>.</summary>
    private static readonly Gen<(int Order, int Open, int Overdue, int Beyond, int Oldest, int Limit, int Grace, bool Edi, bool Prepay)> Checks =
        Gen.Select(Gen.Int[0, 50_000], Gen.Int[0, 100_000], Gen.Int[0, 100], Gen.Int[0, 100], Gen.Int[0, 200], Gen.Int[0, 150_000], Gen.Int[0, 10], Gen.Bool)
            .Select(Gen.Bool, (t, prepay) =>
            {
                var (order, open, overduePercent, beyondPercent, oldest, limit, grace, edi) = t;
                var overdue = open * overduePercent / 100;
                var beyond = overdue * beyondPercent / 100;
                // Consistent ages: overdue beyond grace means an item more than the grace days past due.
                var oldestDays = beyond > 0 ? grace + 1 + oldest : overdue > 0 ? oldest % (grace + 1) : 0;
                return (order, open, overdue, beyond, oldestDays, limit, grace, edi, prepay);
            });

    private static OrderDecision Decide((int Order, int Open, int Overdue, int Beyond, int Oldest, int Limit, int Grace, bool Edi, bool Prepay) c, OverdueTolerance tolerance) =>
        OrderDecisionEngine.Decide(new OrderCheckInput
        {
            AsOf = Today,
            OrderAmount = c.Order,
            OrderCurrency = "USD",
            Channel = c.Edi ? "EDI" : "SalesRep",
            ExposureBeforeOrder = new ExposureSnapshot
            {
                Currency = "USD",
                OpenReceivables = c.Open,
                OverdueAmount = c.Overdue,
                OverdueBeyondGraceAmount = c.Beyond,
                OldestOverdueDays = c.Oldest,
            },
            Limit = new CreditLimitState(c.Limit),
            Terms = new OrderPolicyTerms(c.Grace, ApprovalRequirement.OverLimitOnly, null, c.Prepay, tolerance),
            ChannelTolerance = c.Edi ? DefaultCreditConfiguration.EdiTolerance : null,
        });

    [Fact]
    public void RaisingTheTolerance_NeverTurnsAnApprovalIntoAHold()
    {
        Gen.Select(Checks, Tolerances, Gen.Int[0, 2_000], Gen.Int[0, 5], Gen.Int[0, 60]).Sample((check, tolerance, moreAmount, morePercent, moreDays) =>
        {
            // A share of 0 is "no cap", the loosest setting: raising it keeps it uncapped (0 -> 1% would be a new cap).
            var raisedShare = tolerance.ShareOfLimit == 0m ? 0m : tolerance.ShareOfLimit + morePercent / 100m;
            var raised = new OverdueTolerance(tolerance.Amount + moreAmount, raisedShare, tolerance.MaximumDaysPastDue + moreDays);
            var before = Decide(check, tolerance);
            var after = Decide(check, raised);

            Assert.True(after.Outcome <= before.Outcome, $"{tolerance} -> {raised}: {before.Outcome} -> {after.Outcome}");
        });
    }

    [Fact]
    public void MoreOverdue_NeverTurnsAHoldIntoAnApproval()
    {
        Gen.Select(Checks, Tolerances, Gen.Int[0, 5_000], Gen.Int[0, 60]).Sample((check, tolerance, moreAmount, moreDays) =>
        {
            // More overdue beyond grace (and so more overdue and more open), or an oldest item older still.
            var worse = check with
            {
                Open = check.Open + moreAmount, Overdue = check.Overdue + moreAmount, Beyond = check.Beyond + moreAmount,
                Oldest = (check.Beyond + moreAmount > 0 ? Math.Max(check.Oldest, check.Grace + 1) : check.Oldest) + (check.Overdue + moreAmount > 0 ? moreDays : 0),
            };
            var before = Decide(check, tolerance);
            var after = Decide(worse, tolerance);

            Assert.True(after.Outcome >= before.Outcome, $"{check} -> {worse} under {tolerance}: {before.Outcome} -> {after.Outcome}");
        });
    }

    [Fact]
    public void TheToleranceOnlyEverLiftsTheOverdueHold_AndNamesTheAmountWhenItDoes()
    {
        Gen.Select(Checks, Tolerances).Sample((check, tolerance) =>
        {
            var without = Decide(check, OverdueTolerance.None);
            var with = Decide(check, tolerance);

            Assert.Equal(
                without.HoldReasons.Select(r => r.Code).Where(code => code != DecisionReasonCode.OverdueBeyondGrace),
                with.HoldReasons.Select(r => r.Code).Where(code => code != DecisionReasonCode.OverdueBeyondGrace));
            if (with.HasReason(DecisionReasonCode.OverdueWithinTolerance))
            {
                Assert.True(check.Beyond <= tolerance.Amount && check.Oldest <= tolerance.MaximumDaysPastDue);
                Assert.Contains(with.Figures.Money(check.Beyond) + " is overdue beyond", with.Message, StringComparison.Ordinal);
            }
        });
    }
}
