using CreditOS.CreditEngine.Backtesting;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Backtesting;

/// <summary>
/// The AUC against its definition: the share of (late, on-time) pairs where the late invoice scores higher, a tie
/// counting half, counted pair by pair. Scores are drawn from a few values so ties are common, as they are on a real
/// ledger where many customers have no history yet and share the same score.
/// </summary>
public sealed class RocAucTests
{
    private static readonly Gen<List<ScoredOutcome>> Outcomes =
        Gen.Select(Gen.Int[0, 6], Gen.Bool, (score, late) => new ScoredOutcome(score / 2.0, late)).List[0, 60];

    [Fact]
    public void EqualsTheBruteForcePairwiseCount_TiesCountingHalf()
    {
        Outcomes.Sample(outcomes =>
        {
            var expected = BruteForce(outcomes);
            var actual = RocAuc.Compute(outcomes);
            if (expected is null)
            {
                return actual is null;
            }

            return actual is { } auc && Math.Abs(auc - expected.Value) < 1e-12;
        });
    }

    [Fact]
    public void IsUndefined_WithoutBothOutcomes_AndOneHalf_WhenEveryScoreTies()
    {
        Assert.Null(RocAuc.Compute([new ScoredOutcome(1, true), new ScoredOutcome(2, true)]));
        Assert.Null(RocAuc.Compute([new ScoredOutcome(1, false), new ScoredOutcome(2, false)]));
        Assert.Null(RocAuc.Compute([]));
        Assert.Equal(0.5, RocAuc.Compute([new ScoredOutcome(3, true), new ScoredOutcome(3, false), new ScoredOutcome(3, false)]));
    }

    [Fact]
    public void TheReportSaysWhyThereIsNoAuc_WithTheFigures_AndKeepsItsLastThreeLines()
    {
        var result = new BacktestResult(4, 4, 0, 0, null, [], null, []);
        using var writer = new StringWriter();

        BacktestReportWriter.Write(result, writer);
        var lines = writer.ToString().TrimEnd('\n').Split('\n');

        Assert.Contains("auc undefined: none of the 4 invoices scored was paid late; the AUC compares late invoices with on-time ones and needs both", lines);
        Assert.Equal(["baseline_late_share_auc=n/a", "baseline_avg_days_late_auc=n/a", "auc=n/a"], lines[^3..]);
        Assert.Equal("auc undefined: all 3 invoices scored were paid late (or are unpaid past due); the AUC compares late invoices with on-time ones and needs both", BacktestReportWriter.WhyNoAuc(3, 3));
    }

    private static double? BruteForce(List<ScoredOutcome> outcomes)
    {
        double wins = 0;
        long pairs = 0;
        foreach (var late in outcomes.Where(o => o.Positive))
        {
            foreach (var onTime in outcomes.Where(o => !o.Positive))
            {
                pairs++;
                wins += late.Score > onTime.Score ? 1 : late.Score == onTime.Score ? 0.5 : 0;
            }
        }

        return pairs == 0 ? null : wins / pairs;
    }
}
