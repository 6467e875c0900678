using CreditOS.CreditEngine.Applications;
using CreditOS.CreditEngine.History;
using Xunit;

namespace CreditOS.CreditEngine.Tests.Applications;

public sealed class CreditApplicationAssessorTests
{
    private static readonly DateTime ReportDate = new(2026, 1, 10);

    private static readonly InitialLimitRules Rules = new() { HardCap = 250_000m, PolicyTermsDays = 30 };

    internal static CreditApplicationFacts SoundApplicant() => new()
    {
        Currency = "USD",
        RequestedLimit = 50_000m,
        RequestedTermsDays = 30,
        AnnualRevenue = 2_400_000m,
        Equity = 600_000m,
        CurrentRatio = 1.8m,
        YearsTrading = 12,
        TradeReferences = [TradeReferenceRating.Good, TradeReferenceRating.Good, TradeReferenceRating.Slow],
        BankReference = BankReferenceRating.Satisfactory,
    };

    internal static BureauReport Report(int solvency = 82, BureauRating rating = BureauRating.B, decimal? recommended = 40_000m, int dbt = 5, int judgments = 0) =>
        new(ReportDate, solvency, rating, recommended, dbt, judgments, 0, 0);

    [Fact]
    public void SoundApplicant_IsGranted_TheBureausRecommendedCredit_WhenThatIsTheSmallestBound()
    {
        var assessment = CreditApplicationAssessor.Assess(SoundApplicant(), Report(), Rules);

        Assert.Equal(ApplicationRecommendation.Grant, assessment.Recommendation);
        Assert.Equal(40_000m, assessment.RecommendedLimit);
        Assert.Equal(30, assessment.RecommendedTermsDays);
        Assert.InRange(assessment.Creditworthiness, 75m, 95m);
        Assert.Contains(assessment.Reasons, r => r.Contains("bureau's recommended credit USD 40,000.00", StringComparison.Ordinal));
        Assert.Contains(assessment.Reasons, r => r.StartsWith("The bureau rates the company B with solvency 82 of 100", StringComparison.Ordinal));
        Assert.Equal("Grant USD 40,000.00 on net 30", assessment.Summary("USD"));
    }

    [Fact]
    public void Limit_IsCappedByThePolicysHardCap()
    {
        var big = SoundApplicant() with { RequestedLimit = 900_000m, AnnualRevenue = 50_000_000m, Equity = 20_000_000m };

        var assessment = CreditApplicationAssessor.Assess(big, Report(recommended: 2_000_000m), Rules);

        Assert.Equal(250_000m, assessment.RecommendedLimit);
        Assert.Contains("the policy's cap USD 250,000.00", assessment.ReasonText, StringComparison.Ordinal);
    }

    [Fact]
    public void Limit_IsNeverAboveWhatWasRequested()
    {
        var modest = SoundApplicant() with { RequestedLimit = 8_000m };

        Assert.Equal(8_000m, CreditApplicationAssessor.Assess(modest, Report(), Rules).RecommendedLimit);
    }

    [Fact]
    public void Limit_FollowsCapacityScaledByCreditworthiness_RoundedDownTo100()
    {
        // Capacity: min(10% of 300,000 = 30,000; 25% of 100,000 = 25,000) = 25,000, × the score.
        var small = SoundApplicant() with { AnnualRevenue = 300_000m, Equity = 100_000m };

        var assessment = CreditApplicationAssessor.Assess(small, Report(recommended: null), Rules);

        var expected = Math.Floor(25_000m * assessment.Creditworthiness / 100m / 100m) * 100m;
        Assert.Equal(expected, assessment.RecommendedLimit);
        Assert.Contains("capacity USD 25,000.00", assessment.ReasonText, StringComparison.Ordinal);
    }

    [Fact]
    public void Judgment_Declines_WithTheReason()
    {
        var assessment = CreditApplicationAssessor.Assess(SoundApplicant(), Report(judgments: 1), Rules);

        Assert.Equal(ApplicationRecommendation.Decline, assessment.Recommendation);
        Assert.Equal(0m, assessment.RecommendedLimit);
        Assert.Contains("1 judgment(s) or legal proceeding(s)", assessment.ReasonText, StringComparison.Ordinal);
        Assert.Contains("starter terms (prepayment)", assessment.ReasonText, StringComparison.Ordinal);
    }

    [Fact]
    public void WeakApplicant_IsDeclined_BelowTheScoreThreshold()
    {
        var weak = SoundApplicant() with
        {
            CurrentRatio = 0.6m, Equity = -20_000m, YearsTrading = 1, TradeReferences = [TradeReferenceRating.Poor], BankReference = BankReferenceRating.Weak,
        };

        var assessment = CreditApplicationAssessor.Assess(weak, Report(solvency: 20, rating: BureauRating.D, dbt: 70), Rules);

        Assert.Equal(ApplicationRecommendation.Decline, assessment.Recommendation);
        Assert.True(assessment.Creditworthiness < 40m, "score " + assessment.Creditworthiness);
        Assert.Contains("is below 40", assessment.ReasonText, StringComparison.Ordinal);
    }

    [Fact]
    public void MiddlingApplicant_GetsShorterTerms()
    {
        var middling = SoundApplicant() with { CurrentRatio = 1.0m, YearsTrading = 3, TradeReferences = [TradeReferenceRating.Slow], BankReference = BankReferenceRating.Satisfactory };

        var assessment = CreditApplicationAssessor.Assess(middling, Report(solvency: 55, rating: BureauRating.C, dbt: 20), Rules);

        Assert.Equal(ApplicationRecommendation.Grant, assessment.Recommendation);
        Assert.InRange(assessment.Creditworthiness, 40m, 59.9m);
        Assert.Equal(15, assessment.RecommendedTermsDays);
    }

    [Fact]
    public void NoFiguresStated_IsDeclined_AskingForThem()
    {
        var bare = SoundApplicant() with { AnnualRevenue = null, Equity = null };

        var assessment = CreditApplicationAssessor.Assess(bare, Report(), Rules);

        Assert.Equal(ApplicationRecommendation.Decline, assessment.Recommendation);
        Assert.Contains("Neither annual revenue nor equity is stated", assessment.ReasonText, StringComparison.Ordinal);
    }

    [Fact]
    public void NoBureauReport_IsSaidInTheReasons_AndOnlyTheApplicantsFactorsCount()
    {
        var assessment = CreditApplicationAssessor.Assess(SoundApplicant(), null, Rules);

        Assert.Contains("No bureau report", assessment.ReasonText, StringComparison.Ordinal);
        Assert.DoesNotContain(assessment.Factors, f => f.Name.StartsWith("Bureau", StringComparison.Ordinal));
    }

    [Fact]
    public void BadInput_IsRefusedWithTheFigure()
    {
        Assert.Throws<CreditInputException>(() => CreditApplicationAssessor.Assess(SoundApplicant() with { RequestedLimit = 0m }, Report(), Rules));
        var ratio = Assert.Throws<CreditInputException>(() => CreditApplicationAssessor.Assess(SoundApplicant() with { CurrentRatio = -1m }, Report(), Rules));
        Assert.Contains("-1", ratio.Message, StringComparison.Ordinal);
    }
}
