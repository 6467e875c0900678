using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tests.Builders;
using CreditOS.CreditEngine.Tiers;
using static CreditOS.CreditEngine.Tests.Builders.HistoryBuilder;

namespace CreditOS.CreditEngine.Tests.Scoring;

public class CreditScorerTests
{
    private static CreditScore Score(HistoryBuilder builder) => CreditScorer.Score(builder.Summary(), Configs.Default);

    [Fact]
    public void Score_CustomerWhoAlwaysPaysOnTime_HasLowRisk()
    {
        var score = Score(ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: 0).WithBureauReport(30, 90, BureauRating.A));

        Assert.Equal(RiskLevel.Low, score.RiskLevel);
        Assert.False(score.NotYetScored);
        // Twelve on-time invoices pull the average days close to 0 from the segment prior (3 days late).
        var days = score.RiskContributions.Single(c => c.Factor == ScoringFactor.AverageDaysVsDue);
        Assert.InRange(days.Measure, 0, 1.5);
        Assert.StartsWith("invoices are paid ", days.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_PayingEarly_ScoresLowerThanPayingOnTheDueDate()
    {
        var early = Score(ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: -8));
        var onTime = Score(ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: 0));

        Assert.True(early.Risk < onTime.Risk, "early " + early.Risk + " vs on time " + onTime.Risk);
    }

    [Fact]
    public void Score_OneLateInvoiceOutOfOne_IsShrunkTowardThePriorNotReadAs100Percent()
    {
        var score = Score(ACustomer().WithInvoice(60, 1_000m, daysLate: 10));
        var lateShare = score.RiskContributions.Single(c => c.Factor == ScoringFactor.LateShare);

        // (1 late + 1 × the 30% prior) ÷ (1 + 1) = 65%, not 100%.
        Assert.InRange(lateShare.Measure, 62, 68);
        Assert.Contains("little evidence yet", lateShare.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_WithNoPaymentEvidence_IsNotYetScored()
    {
        var score = Score(ACustomer().WithInvoice(5, 1_000m, null));

        Assert.True(score.NotYetScored);
        Assert.Equal("not yet scored", score.RiskText);
    }

    [Fact]
    public void Score_ChronicLatePayer_HasSevereRiskExplainedInPlainWords()
    {
        var score = Score(ACustomer().WithMonthlyInvoices(12, 10_000m, daysLate: 40).WithInvoice(120, 5_000m, null).WithBureauReport(30, 30, BureauRating.D));

        Assert.Equal(RiskLevel.Severe, score.RiskLevel);
        Assert.Contains(score.RiskReasons, r => r.Contains("days after the due date on average", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_ReasonText_StatesShrunkShareOfInvoicesPaidMoreThan15DaysLate()
    {
        // 3 of 8 invoices in the last 6 months paid 20 days late = 38%.
        var builder = ACustomer();
        for (var i = 0; i < 8; i++)
        {
            builder.WithInvoice(60 + (i * 10), 1_000m, daysLate: i < 3 ? 20 : 0);
        }

        var contribution = Score(builder).RiskContributions.Single(c => c.Factor == ScoringFactor.LateBeyond15DaysShare);

        // The four invoices of the last 3 months (the three late ones among them) weigh 1, the four older ones 0.95, and
        // the 10% prior counts as one invoice: (3 + 1 × 10%) ÷ (4 × 1 + 4 × 0.95 + 1) = 35.23%, between the prior and
        // the recency-weighted 3 ÷ 7.8 = 38.5%.
        Assert.Equal(3.1 / 8.8 * 100, contribution.Measure, 6);
        Assert.Matches(@"^\d+% of invoices paid more than 15 days late, recent ones counting more \(3 of 8\)$", contribution.Reason);
    }

    [Fact]
    public void Score_ReasonText_StatesOverdueShareOfOpenBalance()
    {
        // The shipped rule set v5 reads overdue items through the days and late shares; a rule set an admin keeps may
        // still weigh the overdue balance itself.
        var builder = ACustomer().WithMonthlyInvoices(12, 10_000m, 0).WithInvoice(5, 5_900m, null).WithInvoice(45, 4_100m, null);
        var shipped = DefaultScoringRules.Create();
        var withOverdue = shipped with
        {
            Rules = [.. shipped.Rules, new ScoringRule(ScoringFactor.OverdueMonthsOfSales, 6, [new ScoreBand(null, 0.1, 0), new ScoreBand(0.1, 0.5, 30), new ScoreBand(0.5, null, 60)])],
        };

        var contribution = CreditScorer.Score(builder.Summary(), Configs.Default with { RuleSets = [withOverdue] }).RiskContributions.Single(c => c.Factor == ScoringFactor.OverdueMonthsOfSales);

        Assert.Equal("overdue balance USD 4,100.00 is 41% of open balance (0.4 months of sales)", contribution.Reason);
    }

    [Fact]
    public void Score_Contributions_AddUpToTheScores()
    {
        var score = Score(ACustomer().WithMonthlyInvoices(10, 3_000m, 12).WithInvoice(100, 2_000m, null).WithBureauReport(10, 55, BureauRating.C));

        // Scores are rounded to one decimal; contributions are not.
        Assert.Equal(score.Risk, score.RiskContributions.Sum(c => c.Contribution), tolerance: 0.051);
        Assert.Equal(score.Value, score.ValueContributions.Sum(c => c.Contribution), tolerance: 0.051);
        Assert.Equal(1.0, score.RiskContributions.Sum(c => c.WeightShare), 6);
    }

    [Fact]
    public void Score_RecordsTheRuleSetThatProducedIt()
    {
        var score = Score(ACustomer().WithMonthlyInvoices(3, 1_000m, 0));

        Assert.Equal(DefaultScoringRules.Name, score.RuleSetName);
        Assert.Equal(DefaultScoringRules.Version, score.RuleSetVersion);
    }

    [Fact]
    public void Score_WithoutBureauReport_LeavesBureauFactorsUnmeasured()
    {
        var score = Score(ACustomer().WithMonthlyInvoices(6, 1_000m, 0));

        Assert.Contains(ScoringFactor.BureauSolvency, score.Unmeasured);
        Assert.DoesNotContain(score.RiskContributions, c => c.Factor == ScoringFactor.BureauSolvency);
    }

    [Fact]
    public void Score_BigRegularGrowingCustomer_HasHighValue()
    {
        var builder = ACustomer();
        for (var month = 1; month <= 24; month++)
        {
            builder.WithInvoice((month * 30) + 20, month <= 12 ? 30_000m : 20_000m, 0);
        }

        var score = Score(builder);

        Assert.Equal(ValueBand.High, score.ValueBand);
        Assert.Contains(score.ValueReasons, r => r.StartsWith("revenue over the last 12 months is USD", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_IsDeterministic()
    {
        var summary = ACustomer().WithMonthlyInvoices(12, 2_500m, 9).WithInvoice(70, 900m, null).Summary();

        var first = CreditScorer.Score(summary, Configs.Default);
        var second = CreditScorer.Score(summary, Configs.Default);

        Assert.Equal(first.Risk, second.Risk);
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(first.RiskReasons, second.RiskReasons);
    }

    [Fact]
    public void Score_WithNoMeasurableRiskFactor_UsesTheRuleSetsRiskWithoutEvidence()
    {
        var onlyLateShare = new ScoringRuleSet
        {
            Name = "late only",
            Version = 1,
            RiskWithoutEvidence = 60,
            Rules =
            [
                new ScoringRule(ScoringFactor.LateShare6Months, 1, [new ScoreBand(null, null, 10)]),
                new ScoringRule(ScoringFactor.ActiveMonths, 1, [new ScoreBand(null, null, 10)]),
            ],
        };
        var configuration = Configs.Default with { RuleSets = [onlyLateShare] };

        var score = CreditScorer.Score(ACustomer().Summary(), configuration);

        Assert.Equal(60, score.Risk);
    }
}
