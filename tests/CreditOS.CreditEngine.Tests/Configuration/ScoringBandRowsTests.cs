using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Tests.Configuration;

public class ScoringBandRowsTests
{
    [Fact]
    public void DefaultRules_RoundTripThroughFlatRows()
    {
        var rules = DefaultScoringRules.Create().Rules;

        var back = ScoringBandRows.ToRules(ScoringBandRows.FromRules(rules));

        Assert.Equal(rules.Count, back.Count);
        foreach (var rule in rules)
        {
            var mapped = back.Single(r => r.Factor == rule.Factor);
            Assert.Equal(rule.Weight, mapped.Weight);
            Assert.Equal(rule.Bands, mapped.Bands);
        }
    }

    [Fact]
    public void RowsOfOneFactorWithDifferentWeights_AreRejected()
    {
        ScoringBandRow[] rows = [new(ScoringFactor.BrokenPromises, 5, null, 1, 0), new(ScoringFactor.BrokenPromises, 6, 1, null, 100)];

        var error = Assert.Throws<CreditInputException>(() => ScoringBandRows.ToRules(rows));

        Assert.Contains("BrokenPromises carry different weights (5, 6)", error.Message);
    }
}
