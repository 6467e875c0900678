using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tests.Builders;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Scoring;

/// <summary>Laws that must hold for any valid history (property-based, CsCheck).</summary>
public class ScoringLawTests
{
    private static readonly DateTime AsOf = HistoryGen.AsOf;

    private static CreditScore Score(CustomerHistory history) =>
        CreditScorer.Score(HistorySummarizer.Summarize(history, AsOf), Configs.Default);

    [Fact]
    public void Scores_AlwaysStayBetween0And100()
    {
        HistoryGen.History.Sample(history =>
        {
            var score = Score(history);
            Assert.InRange(score.Risk, 0, 100);
            Assert.InRange(score.Value, 0, 100);
        });
    }

    [Fact]
    public void PayingAnyInvoiceLater_NeverLowersRisk()
    {
        HistoryGen.PaidLater.Sample(pair => Assert.True(Score(pair.After).Risk >= Score(pair.Before).Risk));
    }

    [Fact]
    public void LeavingAPaidInvoiceUnpaid_NeverLowersRisk()
    {
        HistoryGen.LeftUnpaid.Sample(pair => Assert.True(Score(pair.After).Risk >= Score(pair.Before).Risk));
    }

    [Fact]
    public void MoreBrokenPromises_NeverLowerRisk()
    {
        HistoryGen.History.Sample(history =>
        {
            var extra = new PromiseToPay("EXTRA", AsOf.AddDays(-30), AsOf.AddDays(-20), 10m, PromiseStatus.Broken, AsOf.AddDays(-20));
            var worse = history with { Promises = [.. history.Promises, extra] };

            Assert.True(Score(worse).Risk >= Score(history).Risk);
        });
    }

    [Fact]
    public void APayment_NeverRaisesRisk()
    {
        HistoryGen.WithAPayment.Sample(pair => Assert.True(Score(pair.After).Risk <= Score(pair.Before).Risk));
    }

    [Fact]
    public void InterpolatedPoints_NeverFallAsARiskMeasureRises_AndNeverJumpAtABandEdge()
    {
        var rules = Configs.Default.RuleSets.SelectMany(r => r.Rules)
            .Where(r => r.Factor.KindOf() == ScoreKind.Risk && !r.Factor.IsWholeNumber() && r.Factor is not ScoringFactor.BureauSolvency)
            .ToList();
        Gen.Select(Gen.Int[0, rules.Count - 1], Gen.Double[-50, 200], Gen.Double[0, 20]).Sample((pick, measure, step) =>
        {
            var rule = rules[pick];
            Assert.True(rule.PointsFor(measure + step) >= rule.PointsFor(measure), rule.Factor + " at " + measure);
        });

        foreach (var rule in rules)
        {
            foreach (var edge in rule.Bands.Where(b => b.LowerBound is not null).Select(b => b.LowerBound!.Value))
            {
                Assert.InRange(Math.Abs(rule.PointsFor(edge + 1e-6)!.Value - rule.PointsFor(edge - 1e-6)!.Value), 0, 0.01);
            }
        }
    }

    [Fact]
    public void Scoring_IsDeterministic()
    {
        HistoryGen.History.Sample(history =>
        {
            var first = Score(history);
            var second = Score(history);
            Assert.Equal(first.Risk, second.Risk);
            Assert.Equal(first.Value, second.Value);
            Assert.Equal(first.RiskReasons, second.RiskReasons);
        });
    }
}
