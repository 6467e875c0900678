using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.History;
using CreditOS.CreditEngine.Scoring;

namespace CreditOS.CreditEngine.Tests.Scoring;

/// <summary>Controls round 26: what a classification changes in how the configuration scores a customer.</summary>
public class SegmentScoringTests
{
    private static readonly CustomerSegment KeyAccount = new(string.Empty, "KeyAccount");

    [Fact]
    public void TheShippedConfiguration_ScoresEverySegmentAsAnUnclassifiedCustomer()
    {
        var shipped = DefaultCreditConfiguration.Create();

        Assert.Null(SegmentScoring.Difference(shipped, CustomerSegment.Unassigned, KeyAccount));
        Assert.Null(SegmentScoring.Difference(shipped, CustomerSegment.Unassigned, new CustomerSegment("Retail", "SmallBusiness")));
    }

    [Fact]
    public void ASegmentsOwnRevenueReference_IsNamedWithBothFigures()
    {
        var configuration = DefaultCreditConfiguration.Create() with { RevenueReferences = [new SegmentRevenueReference("KeyAccount", 10_000m)] };

        Assert.Equal("purchases measured against 10,000.00 a year instead of 120,000.00", SegmentScoring.Difference(configuration, CustomerSegment.Unassigned, KeyAccount));
        Assert.Equal("purchases measured against 120,000.00 a year instead of 10,000.00", SegmentScoring.Difference(configuration, KeyAccount, CustomerSegment.Unassigned));
        Assert.Null(SegmentScoring.Difference(configuration, KeyAccount, new CustomerSegment("Retail", "KeyAccount")));
    }

    [Fact]
    public void ASegmentsOwnRuleSet_IsNamedWithTheDefaultItReplaces()
    {
        var shipped = DefaultCreditConfiguration.Create();
        var keyRules = shipped.RuleSets[0] with { Name = "key accounts", Version = 3, CustomerGroup = "KeyAccount" };
        var configuration = shipped with { RuleSets = [.. shipped.RuleSets, keyRules] };

        var difference = SegmentScoring.Difference(configuration, CustomerSegment.Unassigned, KeyAccount);

        Assert.Equal("scoring rule set 'key accounts v3' instead of '" + shipped.RuleSets[0].Label + "'", difference);
        Assert.Null(SegmentScoring.Difference(configuration, CustomerSegment.Unassigned, new CustomerSegment("Retail", "SmallBusiness")));
    }

    [Fact]
    public void TheMostGenerousPolicy_IsTheOneWithTheHighestCap_WhatAnUnmeasuredClassificationStakes()
    {
        var shipped = DefaultCreditConfiguration.Create();

        var mostGenerous = SegmentScoring.MostGenerousPolicy(shipped);

        Assert.Equal("Strategic", mostGenerous.Name);
        Assert.Equal(1_000_000m, mostGenerous.HardCap);
        var higher = shipped with { Policies = [.. shipped.Policies, shipped.Policies[0] with { Code = "KEY", Name = "Key accounts", HardCap = 2_500_000m }] };
        Assert.Equal(2_500_000m, SegmentScoring.MostGenerousPolicy(higher).HardCap);
        var stake = CreditOS.CreditEngine.Approvals.ApprovalStake.UnmeasuredClassification(mostGenerous.Name, mostGenerous.HardCap);
        Assert.Equal(1_000_000m, stake.Amount);
        Assert.EndsWith("up to the cap of policy 'Strategic',", stake.What, StringComparison.Ordinal);
    }
}
