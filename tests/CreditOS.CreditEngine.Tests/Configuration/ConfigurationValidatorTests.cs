using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tests.Builders;
using CreditOS.CreditEngine.Tiers;

namespace CreditOS.CreditEngine.Tests.Configuration;

public class ConfigurationValidatorTests
{
    private static CreditConfiguration WithRule(ScoringRule replacement)
    {
        var ruleSet = DefaultScoringRules.Create();
        var rules = ruleSet.Rules.Select(r => r.Factor == replacement.Factor ? replacement : r).ToList();
        return Configs.Default with { RuleSets = [ruleSet with { Rules = rules }] };
    }

    [Fact]
    public void DefaultConfiguration_IsValid()
    {
        Assert.Empty(CreditConfigurationValidator.Validate(DefaultCreditConfiguration.Create()));
    }

    [Fact]
    public void DefaultRiskWeights_AddUpTo100()
    {
        var risk = DefaultScoringRules.Create().Rules.Where(r => r.Factor.KindOf() == ScoreKind.Risk).Sum(r => r.Weight);
        var value = DefaultScoringRules.Create().Rules.Where(r => r.Factor.KindOf() == ScoreKind.Value).Sum(r => r.Weight);

        Assert.Equal(100, risk);
        Assert.Equal(100, value);
    }

    [Fact]
    public void OverlappingBands_AreReportedWithBothRanges()
    {
        var errors = CreditConfigurationValidator.Validate(WithRule(new ScoringRule(ScoringFactor.BrokenPromises, 5, [new ScoreBand(null, 2, 0), new ScoreBand(1, null, 100)])));

        Assert.Contains("Scoring rule set 'creditOS default v5', factor BrokenPromises: bands [-∞, 2) and [1, ∞) overlap.", errors);
    }

    [Fact]
    public void RatioFactorWrittenInPercent_IsReportedNamingTheFactorAndItsUnit()
    {
        // Revenue against the segment is a ratio (1 = the reference); 25/50/100/200 is the same table in percent.
        var errors = CreditConfigurationValidator.Validate(WithRule(new ScoringRule(ScoringFactor.RevenueVsSegment, 40,
            [new ScoreBand(null, 25, 10), new ScoreBand(25, 50, 30), new ScoreBand(50, 100, 50), new ScoreBand(100, 200, 75), new ScoreBand(200, null, 100)])));

        var error = Assert.Single(errors, e => e.Contains("factor RevenueVsSegment", StringComparison.Ordinal));
        Assert.Contains("band edge(s) 100, 200 lie outside 0 to 50", error, StringComparison.Ordinal);
        Assert.Contains("a ratio to the segment's reference revenue", error, StringComparison.Ordinal);
        Assert.Contains("not in percent", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PercentFactorWrittenAsFractions_IsReportedNamingTheFactorAndItsUnit()
    {
        var errors = CreditConfigurationValidator.Validate(WithRule(new ScoringRule(ScoringFactor.LateShare, 15,
            [new ScoreBand(null, 0.05, 0), new ScoreBand(0.05, 0.15, 15), new ScoreBand(0.15, 0.3, 35), new ScoreBand(0.3, null, 100)])));

        var error = Assert.Single(errors, e => e.Contains("factor LateShare", StringComparison.Ordinal));
        Assert.Contains("as if written as fractions; the factor is measured in percent of invoices (0-100)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedBands_AreInTheirFactorsUnits()
    {
        foreach (var rule in DefaultScoringRules.Create().Rules)
        {
            var edges = rule.Bands.SelectMany(b => new[] { b.LowerBound, b.UpperBound }).OfType<double>().ToList();
            Assert.Null(FactorUnits.Of(rule.Factor).Problem(edges));
        }
    }

    [Fact]
    public void GapsBetweenBands_AreReported()
    {
        var errors = CreditConfigurationValidator.Validate(WithRule(new ScoringRule(ScoringFactor.BrokenPromises, 5, [new ScoreBand(null, 1, 0), new ScoreBand(2, null, 100)])));

        Assert.Contains("Scoring rule set 'creditOS default v5', factor BrokenPromises: no band covers 1 to 2; close the gap.", errors);
    }

    [Fact]
    public void ClosedTopBand_IsReported()
    {
        var errors = CreditConfigurationValidator.Validate(WithRule(new ScoringRule(ScoringFactor.BrokenPromises, 5, [new ScoreBand(null, 1, 0), new ScoreBand(1, 10, 100)])));

        Assert.Contains(errors, e => e.Contains("the highest band must be open-ended", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void NonPositiveWeights_AreReported(double weight)
    {
        var errors = CreditConfigurationValidator.Validate(WithRule(new ScoringRule(ScoringFactor.BrokenPromises, weight, [new ScoreBand(null, null, 0)])));

        Assert.Contains(errors, e => e.Contains("weights must be above zero", StringComparison.Ordinal));
    }

    [Fact]
    public void PointsOutsideZeroToHundred_AreReported()
    {
        var errors = CreditConfigurationValidator.Validate(WithRule(new ScoringRule(ScoringFactor.BrokenPromises, 5, [new ScoreBand(null, null, 150)])));

        Assert.Contains(errors, e => e.Contains("points must be between 0 and 100", StringComparison.Ordinal));
    }

    [Fact]
    public void TierWithoutPolicy_IsReported()
    {
        var configuration = Configs.Default with { Tiers = [.. Configs.Default.Tiers, new CreditTier("GOLD", "Gold", 9, "NOPE")] };

        Assert.Contains("Credit tier 'Gold' points to policy 'NOPE', which does not exist; every tier needs a policy.", CreditConfigurationValidator.Validate(configuration));
    }

    [Fact]
    public void IncompleteTierMatrix_IsReported()
    {
        var configuration = Configs.Default with { TierMatrix = Configs.Default.TierMatrix.Skip(1).ToList() };

        Assert.Contains("The tier matrix cell for High value and Low risk is missing; the matrix must cover every combination.", CreditConfigurationValidator.Validate(configuration));
    }

    [Fact]
    public void DuplicateTierMatrixCell_IsReported()
    {
        var configuration = Configs.Default with { TierMatrix = [.. Configs.Default.TierMatrix, Configs.Default.TierMatrix[0]] };

        Assert.Contains(CreditConfigurationValidator.Validate(configuration), e => e.Contains("is defined 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingDefaultRuleSet_IsReported()
    {
        var configuration = Configs.Default with { RuleSets = [DefaultScoringRules.Create() with { CustomerGroup = "Key" }] };

        Assert.Contains(CreditConfigurationValidator.Validate(configuration), e => e.StartsWith("A default scoring rule set", StringComparison.Ordinal));
    }

    [Fact]
    public void PolicyWithCapBelowBase_AndInvertedAlertThresholds_IsReported()
    {
        var errors = new List<string>();
        CreditPolicyValidator.Validate(new CreditPolicy { Code = "X", Name = "X", BaseLimit = 10m, HardCap = 5m, WarningUtilization = 0.9, CriticalUtilization = 0.8 }, errors);

        Assert.Contains("Credit policy 'X' has a hard cap below its base limit; raise the cap or lower the base limit.", errors);
        Assert.Contains(errors, e => e.Contains("warning below critical", StringComparison.Ordinal));
    }

    [Fact]
    public void EnsureValid_ThrowsWithEveryProblem()
    {
        var configuration = Configs.Default with { TierMatrix = [] };

        var error = Assert.Throws<CreditInputException>(() => CreditConfigurationValidator.EnsureValid(configuration));

        Assert.Contains("High value and Low risk", error.Message);
        Assert.Contains("Low value and Severe risk", error.Message);
    }

    [Fact]
    public void RiskThresholdsOutOfOrder_AreReported()
    {
        var configuration = Configs.Default with { RiskLevels = new RiskLevelThresholds(50, 40, 70) };

        Assert.Contains(CreditConfigurationValidator.Validate(configuration), e => e.StartsWith("Risk level thresholds", StringComparison.Ordinal));
    }
}
