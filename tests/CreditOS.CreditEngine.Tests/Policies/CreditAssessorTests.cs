using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Tests.Builders;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Policies;

public class CreditAssessorTests
{
    [Fact]
    public void EmptyHistory_GetsStarterTermsWithPrepayment()
    {
        var assessment = CreditAssessor.Assess(ACustomer().Summary(), Configs.Default);

        Assert.True(assessment.IsOnStarterTerms);
        Assert.Equal(DefaultCreditConfiguration.Starter, assessment.Tier.Code);
        Assert.True(assessment.RequiresPrepayment);
        Assert.Equal("Prepayment", assessment.PaymentTerms);
        Assert.Equal(0m, assessment.CreditLimit);
    }

    [Fact]
    public void FinanceInitialLimit_LiftsPrepaymentForAStarter()
    {
        var assessment = CreditAssessor.Assess(ACustomer().Summary(), Configs.Default, new AccountCreditContext(FinanceApprovedLimit: 15_000m));

        Assert.True(assessment.IsOnStarterTerms);
        Assert.False(assessment.RequiresPrepayment);
        Assert.Equal(15_000m, assessment.CreditLimit);
        Assert.Equal("limit USD 15,000.00 set by Finance", assessment.LimitExplanation);
    }

    [Fact]
    public void CustomerMeetingTheStarterThreshold_MovesToItsScoredTier()
    {
        var newcomer = CreditAssessor.Assess(ACustomer().WithMonthlyInvoices(2, 10_000m, 0).Summary(), Configs.Default);
        var established = CreditAssessor.Assess(ACustomer().WithMonthlyInvoices(12, 10_000m, 0).Summary(), Configs.Default);

        Assert.True(newcomer.IsOnStarterTerms);
        Assert.False(established.IsOnStarterTerms);
        Assert.Equal(established.ScoredTier, established.Tier);
        Assert.NotEqual(DefaultCreditConfiguration.Starter, established.Tier.Code);
    }

    [Fact]
    public void GoodLargeCustomer_IsStrategicWithAVolumeBasedLimitAndDiscountTerms()
    {
        var builder = ACustomer();
        for (var month = 1; month <= 24; month++)
        {
            builder.WithInvoice((month * 30) + 20, month <= 12 ? 60_000m : 45_000m, 0);
            builder.WithOrder(new OrderRecord("SO" + month, AsOf.AddDays(-(month * 30) - 25), 1m, OrderStatus.Fulfilled, "Sales"));
        }

        var assessment = CreditAssessor.Assess(builder.WithBureauReport(20, 92, BureauRating.A).Summary(), Configs.Default);

        Assert.Equal(DefaultCreditConfiguration.Strategic, assessment.Tier.Code);
        // 60,000 a month × (45 terms + 0 beyond + 7 order-to-invoice) / 30 = 104,000 peak × 1.5 Strategic headroom.
        Assert.Equal(156_000m, assessment.CreditLimit);
        Assert.Equal("2/10 net 45", assessment.PaymentTerms);
        Assert.False(assessment.Suspension.IsSuspended);
    }

    [Fact]
    public void Judgment_SuspendsWhateverTheTier()
    {
        var summary = ACustomer().WithMonthlyInvoices(12, 10_000m, 0).WithBureauReport(5, 80, BureauRating.B, judgments: 1).Summary();

        var assessment = CreditAssessor.Assess(summary, Configs.Default);

        Assert.True(assessment.Suspension.IsSuspended);
        Assert.Equal(SuspensionCause.BureauJudgment, assessment.Suspension.Reasons.Single().Cause);
        Assert.Contains("shows 1 judgment(s)", assessment.Suspension.Message);
    }

    [Fact]
    public void FraudFlagAndBureauDeterioration_AreBothListed()
    {
        var summary = ACustomer().Flagged(fraud: true).WithBureauReport(200, 80, BureauRating.B).WithBureauReport(5, 40, BureauRating.C).Summary();

        var suspension = SuspensionEvaluator.Evaluate(summary, new SuspensionRules());

        Assert.Equal([SuspensionCause.Fraud, SuspensionCause.BureauDeterioration], suspension.Reasons.Select(r => r.Cause).ToArray());
        Assert.Contains("(was B and 80", suspension.Message);
    }

    [Fact]
    public void SmallBureauDrop_DoesNotSuspend()
    {
        var summary = ACustomer().WithBureauReport(200, 80, BureauRating.B).WithBureauReport(5, 70, BureauRating.B).Summary();

        Assert.False(SuspensionEvaluator.Evaluate(summary, new SuspensionRules()).IsSuspended);
    }
}
