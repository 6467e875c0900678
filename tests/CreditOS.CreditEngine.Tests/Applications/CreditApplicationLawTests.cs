using CreditOS.CreditEngine.Applications;
using CreditOS.CreditEngine.History;
using CsCheck;
using Xunit;

namespace CreditOS.CreditEngine.Tests.Applications;

/// <summary>The assessment's laws: better figures never lower the recommendation; a judgment never raises it.</summary>
public sealed class CreditApplicationLawTests
{
    private static readonly InitialLimitRules Rules = new() { HardCap = 250_000m, PolicyTermsDays = 30 };

    private static readonly Gen<CreditApplicationFacts> Applicant =
        Gen.Select(Gen.Int[1, 500], Gen.Int[0, 60], Gen.Int[0, 20_000], Gen.Int[-500, 5_000], Gen.Int[0, 300], Gen.Int[0, 30], Gen.Int[1, 3].List[0, 4], Gen.Int[0, 3])
            .Select((requested, terms, revenue, equity, ratio, years, references, bank) => new CreditApplicationFacts
            {
                Currency = "USD",
                RequestedLimit = requested * 1_000m,
                RequestedTermsDays = terms,
                AnnualRevenue = revenue * 1_000m,
                Equity = equity * 1_000m,
                CurrentRatio = ratio / 100m,
                YearsTrading = years,
                TradeReferences = references.Select(r => (TradeReferenceRating)r).ToList(),
                BankReference = bank == 0 ? null : (BankReferenceRating)bank,
            });

    private static readonly Gen<BureauReport> Bureau =
        Gen.Select(Gen.Int[0, 100], Gen.Int[1, 5], Gen.Int[0, 600], Gen.Int[0, 120], Gen.Int[0, 1])
            .Select((solvency, rating, recommended, dbt, judgments) =>
                new BureauReport(new DateTime(2026, 1, 10), solvency, (BureauRating)rating, recommended == 0 ? null : recommended * 1_000m, dbt, judgments, 0, 0));

    /// <summary>Each figure at least as good: more revenue, equity, current ratio, years, better references and bank, a better bureau report.</summary>
    private static readonly Gen<(CreditApplicationFacts Worse, CreditApplicationFacts Better, BureauReport WorseReport, BureauReport BetterReport)> Pairs =
        Gen.Select(Applicant, Bureau, Gen.Int[0, 5_000], Gen.Int[0, 3_000], Gen.Int[0, 100], Gen.Int[0, 10], Gen.Int[0, 30], Gen.Int[0, 2])
            .Select((facts, report, moreRevenue, moreEquity, moreRatio, moreYears, moreSolvency, betterRating) =>
            {
                var better = facts with
                {
                    AnnualRevenue = facts.AnnualRevenue + (moreRevenue * 1_000m),
                    Equity = facts.Equity + (moreEquity * 1_000m),
                    CurrentRatio = facts.CurrentRatio + (moreRatio / 100m),
                    YearsTrading = facts.YearsTrading + moreYears,
                    TradeReferences = facts.TradeReferences.Select(r => r == TradeReferenceRating.Good ? r : r - 1).ToList(),
                    BankReference = facts.BankReference is { } bank && bank != BankReferenceRating.Strong ? bank - 1 : facts.BankReference,
                };
                var betterReport = report with
                {
                    SolvencyScore = Math.Min(100, report.SolvencyScore + moreSolvency),
                    Rating = (BureauRating)Math.Max(1, (int)report.Rating - betterRating),
                    DaysBeyondTermsScore = Math.Max(0, report.DaysBeyondTermsScore - moreSolvency),
                    Judgments = 0,
                    RecommendedCredit = report.RecommendedCredit is { } credit ? credit + (moreEquity * 100m) : null,
                };
                return (facts, better, report, betterReport);
            });

    [Fact]
    public void BetterFiguresReferencesOrBureauData_NeverLowerTheRecommendation() =>
        Pairs.Sample(pair =>
        {
            var worse = CreditApplicationAssessor.Assess(pair.Worse, pair.WorseReport, Rules);
            var better = CreditApplicationAssessor.Assess(pair.Better, pair.BetterReport, Rules);
            return better.Creditworthiness >= worse.Creditworthiness
                && better.RecommendedLimit >= worse.RecommendedLimit
                && better.RecommendedTermsDays >= worse.RecommendedTermsDays
                && (better.Recommendation == ApplicationRecommendation.Grant || worse.Recommendation == ApplicationRecommendation.Decline);
        });

    [Fact]
    public void AJudgment_NeverRaisesTheRecommendation() =>
        Gen.Select(Applicant, Bureau).Sample((facts, report) =>
        {
            var clean = CreditApplicationAssessor.Assess(facts, report with { Judgments = 0 }, Rules);
            var judged = CreditApplicationAssessor.Assess(facts, report with { Judgments = 1 }, Rules);
            return judged.RecommendedLimit <= clean.RecommendedLimit
                && judged.RecommendedTermsDays <= clean.RecommendedTermsDays
                && judged.Recommendation == ApplicationRecommendation.Decline;
        });

    [Fact]
    public void TheRecommendedLimit_IsNeverAboveTheRequestTheBureauOrTheCap() =>
        Gen.Select(Applicant, Bureau).Sample((facts, report) =>
        {
            var assessment = CreditApplicationAssessor.Assess(facts, report, Rules);
            return assessment.RecommendedLimit >= 0
                && assessment.RecommendedLimit <= facts.RequestedLimit
                && assessment.RecommendedLimit <= Rules.HardCap
                && (report.RecommendedCredit is not { } credit || assessment.RecommendedLimit <= credit)
                && assessment.Creditworthiness is >= 0 and <= 100;
        });
}
