using CreditOS.CreditEngine.Backtesting;
using CreditOS.CreditEngine.Calibration;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Samples;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tests.Backtesting;

namespace CreditOS.CreditEngine.Tests.Calibration;

public class CalibratorTests
{
    private static readonly IReadOnlyList<BacktestInvoice> Sample =
        BacktestCsv.FromHistories(SamplePortfolioGenerator.Generate(SampleHistoryFile.Options with { Customers = 60 }));

    [Fact]
    public void Calibrate_WritesANewVersionThatPassesTheAdminValidator()
    {
        var configuration = DefaultCreditConfiguration.Create();
        var result = Calibrator.Run(Sample, configuration);

        Assert.Equal(DefaultScoringRules.Version + 1, result.RuleSet.Version);
        Assert.Equal(DefaultScoringRules.Name, result.RuleSet.Name);
        Assert.NotEmpty(result.Factors);
        Assert.All(result.RuleSet.Rules, r => Assert.True(r.Weight > 0));
        Assert.Empty(CreditConfigurationValidator.Validate(configuration with { RuleSets = [.. configuration.RuleSets, result.RuleSet] }));
    }

    [Fact]
    public void Calibrate_KeepsThePriorThatFitsTheLedgerBest()
    {
        var result = Calibrator.Run(Sample, DefaultCreditConfiguration.Create());
        var scored = Backtester.Run(Sample, DefaultCreditConfiguration.Create());

        // The ledger's own late share over every invoice with a known outcome, or halfway between it and the shipped prior.
        var ledger = Math.Round((double)scored.PaidLate / scored.InvoicesScored, 3);
        var shipped = DefaultScoringRules.Create().Evidence.PriorLateShare;
        var expected = result.Prior switch
        {
            PriorSource.Ledger => ledger,
            PriorSource.Midpoint => Math.Round((ledger + shipped) / 2, 3),
            _ => double.NaN,
        };
        Assert.NotEqual(PriorSource.Starting, result.Prior);
        Assert.Equal(expected, result.RuleSet.Evidence.PriorLateShare, 3);
    }

    [Fact]
    public void Calibrate_WithATrainingBound_FitsOnTheNewestOutcomesOnly()
    {
        // The bound's prior is the late share of the newest outcomes alone; the sample's early customers pay otherwise.
        var options = new CalibrationOptions { MaximumTrainingOutcomes = 300 };
        var result = Calibrator.Run(Sample, DefaultCreditConfiguration.Create(), options);

        var newest = Backtester.Replay(Sample).Invoices.OrderBy(i => i.OutcomeKnownOn).TakeLast(300).ToList();
        var ledger = Math.Round(newest.Count(i => i.PaidLate) / 300.0, 3);
        var all = Calibrator.Run(Sample, DefaultCreditConfiguration.Create());
        var expected = result.Prior switch
        {
            PriorSource.Ledger => ledger,
            PriorSource.Midpoint => Math.Round((ledger + DefaultScoringRules.Create().Evidence.PriorLateShare) / 2, 3),
            _ => double.NaN,
        };
        Assert.Equal(expected, result.RuleSet.Evidence.PriorLateShare, 3);
        Assert.Equal(FittedShareOf300(), result.FittedShare, 6);
        Assert.True(all.FittedShare > result.FittedShare, "unbounded fit share " + all.FittedShare + " against " + result.FittedShare);

        static double FittedShareOf300() => Calibrator.FittedShareOf(300, new CalibrationOptions().StartingWeightCredibility);
    }

    [Fact]
    public void Calibrate_OnALedgerThatPaysFarLaterThanTheShippedPrior_MovesThePriorTowardTheLedger()
    {
        // Every settlement ten days later: most invoices late, far above the shipped 30%, yet some still on time.
        var late = Sample.Select(i => i.SettledDate is { } s ? i with { SettledDate = s.AddDays(10) } : i).ToList();

        var result = Calibrator.Run(late, DefaultCreditConfiguration.Create());

        Assert.NotEqual(PriorSource.Starting, result.Prior);
        Assert.True(result.RuleSet.Evidence.PriorLateShare > DefaultScoringRules.Create().Evidence.PriorLateShare + 0.1, "prior late share " + result.RuleSet.Evidence.PriorLateShare);
        Assert.True(result.RuleSet.Evidence.PriorDaysVsDue > DefaultScoringRules.Create().Evidence.PriorDaysVsDue, "prior days " + result.RuleSet.Evidence.PriorDaysVsDue);
    }

    [Theory]
    [InlineData(200, 1000, 23.333)]
    [InlineData(1000, 1000, 30)]
    [InlineData(9000, 1000, 38)]
    [InlineData(200, 0, 40)]
    public void CredibilityWeighted_LeansOnTheStartingWeightUntilTheLedgerHasManyOutcomes(int outcomes, double credibility, double expected)
    {
        // Fitted 40, starting 20: n / (n + n0) of the way from the starting weight to the fitted one.
        Assert.Equal(expected, Calibrator.CredibilityWeighted(40, 20, outcomes, credibility), 3);
    }

    [Fact]
    public void Calibrate_WhenTheStartingWeightsCarryAllTheCredibility_KeepsThemWhateverTheFit()
    {
        var result = Calibrator.Run(Sample, DefaultCreditConfiguration.Create(), new CalibrationOptions { StartingWeightCredibility = 1e12 });
        var shipped = DefaultScoringRules.Create().Rules.ToDictionary(r => r.Factor, r => r.Weight);

        Assert.NotEmpty(result.Factors);
        Assert.True(result.FittedShare < 1e-6);
        Assert.All(result.RuleSet.Rules, r => Assert.Equal(shipped[r.Factor], r.Weight, 1));
    }

    [Fact]
    public void Calibrate_WithManyOutcomes_LetsTheFitCountMoreThanWithFew()
    {
        var few = Calibrator.Run(Sample, DefaultCreditConfiguration.Create(), new CalibrationOptions { StartingWeightCredibility = 100_000 });
        var many = Calibrator.Run(Sample, DefaultCreditConfiguration.Create(), new CalibrationOptions { StartingWeightCredibility = 100 });

        Assert.True(many.FittedShare > 0.9 && few.FittedShare < 0.1, "fitted share " + many.FittedShare + " / " + few.FittedShare);
    }

    [Fact]
    public void WalkForward_ScoresEveryInvoiceOnlyWithWhatWasKnownBeforeItsMonth()
    {
        // Rewrite everything that happened from the cut-off on: later invoices all paid 90 days late, earlier invoices
        // settled after the cut-off never paid. No walk-forward score of an invoice dated before the cut-off may move.
        var cutoff = new DateTime(2025, 1, 1);
        var rewritten = Sample.Select(i => i.InvoiceDate >= cutoff ? i with { SettledDate = i.DueDate.AddDays(90) }
            : i.SettledDate >= cutoff ? i with { SettledDate = null } : i).ToList();
        var options = new CalibrationOptions { MinimumOutcomes = 100 };

        var original = Calibrator.Run(Sample, DefaultCreditConfiguration.Create(), options).WalkForwardScores;
        var changed = Calibrator.Run(rewritten, DefaultCreditConfiguration.Create(), options).WalkForwardScores.ToDictionary(o => o.InvoiceId, o => o.Risk);

        var earlier = original.Where(o => o.InvoiceDate < cutoff).ToList();
        Assert.True(earlier.Count > 500);
        Assert.All(earlier, o => Assert.Equal(o.Risk, changed[o.InvoiceId]));
        Assert.Contains(original, o => o.InvoiceDate >= cutoff && o.Risk != changed[o.InvoiceId]);
    }

    [Fact]
    public void Calibrate_WithTooFewOutcomes_KeepsTheShippedRuleSet()
    {
        var result = Calibrator.Run(Sample.Take(50).ToList(), DefaultCreditConfiguration.Create());

        Assert.Empty(result.Factors);
        Assert.Equal(0, result.Refits);
        Assert.Equal(DefaultScoringRules.Version, result.RuleSet.Version);
    }

    [Fact]
    public void CalibratedRuleSet_HasOnlyNonNegativeWeights_SoTheScoringLawsStillHold()
    {
        var result = Calibrator.Run(Sample, DefaultCreditConfiguration.Create());

        Assert.All(result.Factors, f => Assert.True(f.Coefficient >= 0));
        Assert.All(result.RuleSet.Rules.Where(r => r.Factor.KindOf() == ScoreKind.Risk), r => Assert.True(r.Weight > 0));
    }
}
