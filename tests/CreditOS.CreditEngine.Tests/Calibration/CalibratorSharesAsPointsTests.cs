using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Calibration;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Samples;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tests.Backtesting;
using CsCheck;

namespace CreditOS.CreditEngine.Tests.Calibration;

/// <summary>
/// Session 24: the calibration may also read the late shares with points equal to the share (30% late → 30 points)
/// and keeps that shape only when the ledger's outcomes fit it better, as it chooses the recency.
/// </summary>
public class CalibratorSharesAsPointsTests
{
    [Fact]
    public void SharesAsPoints_GivesEachLateShareItsOwnValueAsPoints_AndChangesNothingElse()
    {
        var shipped = DefaultScoringRules.Create();
        var reshaped = SharesAsPoints.Apply(shipped);

        Gen.Double[0, 100].Sample(share =>
        {
            foreach (var factor in SharesAsPoints.Factors)
            {
                Assert.Equal(share, reshaped.Rules.Single(r => r.Factor == factor).PointsFor(share)!.Value, 9);
            }
        });
        foreach (var rule in shipped.Rules)
        {
            var other = reshaped.Rules.Single(r => r.Factor == rule.Factor);
            Assert.Equal(rule.Weight, other.Weight);
            if (!SharesAsPoints.Factors.Contains(rule.Factor))
            {
                Assert.Equal(rule.Bands, other.Bands);
            }
        }

        Assert.Equal(shipped.Evidence, reshaped.Evidence);
        var configuration = DefaultCreditConfiguration.Create();
        Assert.Empty(CreditConfigurationValidator.Validate(configuration with { RuleSets = [reshaped with { Version = shipped.Version + 1 }] }));
    }

    [Fact]
    public void Calibrate_OnTheDriftingSample_ReadsTheLateSharesAsPoints_AndWritesThatShape()
    {
        // Measured (engine/README.md, session 24): on this ledger the shape fits the outcomes better, and walk-forward
        // rises from 0.8336 to 0.8363.
        var drifting = BacktestCsv.FromHistories(DriftingTermsPortfolioGenerator.Generate(DriftingTermsPortfolioGenerator.DefaultOptions));

        var result = Calibrator.Run(drifting, DefaultCreditConfiguration.Create());

        Assert.True(result.SharesAsPoints);
        var lateShare = result.RuleSet.Rules.Single(r => r.Factor == ScoringFactor.LateShare);
        Assert.Equal(SharesAsPoints.Apply(DefaultScoringRules.Create()).Rules.Single(r => r.Factor == ScoringFactor.LateShare).Bands, lateShare.Bands);
        Assert.Equal(40, lateShare.PointsFor(40)!.Value, 9);
    }

    [Fact]
    public void Calibrate_WithoutTheSecondShape_KeepsTheStartingBands()
    {
        // Since v5 the shipped set already reads the shares as points; a rule set an admin keeps on bands stays on them.
        var drifting = BacktestCsv.FromHistories(DriftingTermsPortfolioGenerator.Generate(DriftingTermsPortfolioGenerator.DefaultOptions with { Customers = 60 }));
        var shipped = DefaultScoringRules.Create();
        ScoreBand[] bands = [new(null, 5, 0), new(5, 15, 15), new(15, 30, 35), new(30, 50, 60), new(50, 75, 85), new(75, null, 100)];
        var banded = shipped with { Rules = [.. shipped.Rules.Select(r => SharesAsPoints.Factors.Contains(r.Factor) ? r with { Bands = bands } : r)] };

        var result = Calibrator.Run(drifting, DefaultCreditConfiguration.Create() with { RuleSets = [banded] }, new CalibrationOptions { TrySharesAsPoints = false });

        Assert.False(SharesAsPoints.IsAppliedTo(banded));
        Assert.False(result.SharesAsPoints);
        // The factor offered at weight 0 since session 29 (the recent days vs due) comes with its own bands.
        Assert.All(result.RuleSet.Rules.Where(r => r.Factor != ScoringFactor.RecentDaysVsDue3Months), r => Assert.Equal(banded.Rules.Single(s => s.Factor == r.Factor).Bands, r.Bands));
    }
}
