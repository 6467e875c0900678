extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using Microsoft.Xrm.Sdk;
using Xunit;
using static CreditOS.Testing.ServiceFaults;
using Cell = plugins::CreditOS.Dataverse.Model.TierMatrixCell;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;
using Rule = plugins::CreditOS.Dataverse.Model.ScoringRule;
using RuleSet = plugins::CreditOS.Dataverse.Model.ScoringRuleSet;
using Tier = plugins::CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Plugins.Tests;

/// <summary>Administrators cannot save configuration the credit engine would reject; the message says what to fix.</summary>
public sealed class ConfigurationGuardTests : IDisposable
{
    private static readonly Guid RuleSetId = new("e3000000-0000-4000-8000-000000000001");
    private readonly CreditWorld world = CreditWorld.WithAllPlugins();

    public void Dispose() => world.Dispose();

    [Fact]
    public void PolicyUpdate_WithHardCapBelowBaseLimit_IsRefusedAndLeftUnchanged()
    {
        var change = new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.HardCap] = new Money(1_000m) };

        var error = Refused(() => world.Service.Update(change));

        Assert.Contains("The credit policy 'Standard' cannot be saved", error, StringComparison.Ordinal);
        Assert.Contains("hard cap below its base limit", error, StringComparison.Ordinal);
        Assert.Equal(250_000m, world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new(Policy.Fields.HardCap)).GetAttributeValue<Money>(Policy.Fields.HardCap).Value);
    }

    [Fact]
    public void PolicyUpdate_ThatIsValid_IsSaved()
    {
        world.Service.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.GraceDays] = 3 });

        Assert.Equal(3, world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new(Policy.Fields.GraceDays)).GetAttributeValue<int>(Policy.Fields.GraceDays));
    }

    [Fact]
    public void PolicyUpdate_WithEarlyPaymentDiscountLongerThanTerms_IsRefused()
    {
        var change = new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.EarlyPaymentDiscount] = 2m, [Policy.Fields.EarlyPaymentDays] = 45 };

        var error = Refused(() => world.Service.Update(change));

        Assert.Contains("early-payment discount for longer than its payment terms", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TierCreate_WithoutPolicy_IsRefused()
    {
        var tier = new Entity(Tier.EntityLogicalName) { [Tier.Fields.Name] = "Gold", [Tier.Fields.Code] = "GOLD", [Tier.Fields.Rank] = 2 };

        var error = Refused(() => world.Service.Create(tier));

        Assert.Contains("Every tier needs a credit policy", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TierCreate_WithADuplicateCode_IsRefused()
    {
        var tier = new Entity(Tier.EntityLogicalName)
        {
            [Tier.Fields.Name] = "Standard again",
            [Tier.Fields.Code] = "STANDARD",
            [Tier.Fields.Rank] = 3,
            [Tier.Fields.CreditPolicyId] = new EntityReference(Policy.EntityLogicalName, CreditTestIds.StandardPolicy),
        };

        var error = Refused(() => world.Service.Create(tier));

        Assert.Contains("Another active tier already has the code STANDARD", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoringRule_OverlappingAnotherBandOfItsFactor_IsRefused_WhileAdjacentBandsAreAccepted()
    {
        CreateRuleSet();
        world.Service.Create(Band("LateShare6Months", 0m, 0.1m, points: 0));
        world.Service.Create(Band("LateShare6Months", 0.1m, 0.3m, points: 40));

        var error = Refused(() => world.Service.Create(Band("LateShare6Months", 0.25m, null, points: 80)));

        Assert.Contains("The band [0.25, ∞) overlaps the band [0.1, 0.3) of the same factor", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoringRule_WithUnknownFactorOrZeroWeight_IsRefusedListingBoth()
    {
        CreateRuleSet();

        var error = Refused(() => world.Service.Create(Band("ShoeSize", 0m, null, points: 10, weight: 0m)));

        Assert.Contains("'ShoeSize' is not a factor the credit engine knows", error, StringComparison.Ordinal);
        Assert.Contains("The weight must be above zero", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TierMatrixCell_OverlappingAnotherCell_IsRefused()
    {
        CreateRuleSet();
        world.Service.Create(MatrixCell("High value, low risk", 70, 100, 0, 25));

        var error = Refused(() => world.Service.Create(MatrixCell("Overlap", 60, 100, 20, 45)));

        Assert.Contains("overlaps the cell 'High value, low risk'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyDeactivation_WhileAnActiveTierGrantsIt_IsRefused_AndThePolicyStaysActive()
    {
        var error = Refused(() => world.Service.Execute(new Microsoft.Crm.Sdk.Messages.SetStateRequest
        {
            EntityMoniker = new EntityReference(Policy.EntityLogicalName, CreditTestIds.StandardPolicy),
            State = new OptionSetValue(1),
            Status = new OptionSetValue(2),
        }));

        Assert.Contains("The active tier 'Standard' grants this policy", error, StringComparison.Ordinal);
        Assert.Equal(0, world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new(Policy.Fields.StateCode)).GetAttributeValue<OptionSetValue>(Policy.Fields.StateCode).Value);
    }

    [Fact]
    public void ActiveTier_PointingAtADeactivatedPolicy_IsRefused()
    {
        var spare = world.Service.Create(new Entity(Policy.EntityLogicalName)
        {
            [Policy.Fields.Name] = "Spare",
            [Policy.Fields.Code] = "SPARE",
            [Policy.Fields.BaseLimit] = new Money(10_000m),
            [Policy.Fields.HardCap] = new Money(20_000m),
            [Policy.Fields.PaymentTermsDays] = 30,
        });
        world.Service.Update(new Entity(Policy.EntityLogicalName, spare) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });

        var error = Refused(() => world.Service.Update(new Entity(Tier.EntityLogicalName, CreditTestIds.TierId("STANDARD")) { [Tier.Fields.CreditPolicyId] = new EntityReference(Policy.EntityLogicalName, spare) }));

        Assert.Contains("The policy 'Spare' is deactivated; an active tier must grant an active policy", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tier_WithTheRankOfAnotherActiveTier_IsRefused()
    {
        var error = Refused(() => world.Service.Update(new Entity(Tier.EntityLogicalName, CreditTestIds.TierId("WATCH")) { [Tier.Fields.Rank] = 3 }));

        Assert.Contains("The active tier 'Standard' already has rank 3; each tier needs its own rank.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleSetActivation_ChecksTheWholeConfiguration_AndRefusesAnIncompleteVersion()
    {
        CreateRuleSet();
        world.Service.Update(new Entity(RuleSet.EntityLogicalName, RuleSetId) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
        world.Service.Create(Band("LateShare6Months", 0m, null, points: 10));

        var error = Refused(() => world.Service.Update(new Entity(RuleSet.EntityLogicalName, RuleSetId) { ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(1) }));

        Assert.Contains("The scoring rule set 'Default' version 2 cannot be activated, so it stays inactive", error, StringComparison.Ordinal);
        Assert.Contains("has no value rule", error, StringComparison.Ordinal);
        Assert.Equal(1, world.Service.Retrieve(RuleSet.EntityLogicalName, RuleSetId, new("statecode")).GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    private void CreateRuleSet() => world.Service.Create(new Entity(RuleSet.EntityLogicalName, RuleSetId)
    {
        [RuleSet.Fields.Name] = "Default",
        [RuleSet.Fields.Version] = 2,
        [RuleSet.Fields.IsDefault] = true,
    });

    private static Entity Band(string factor, decimal from, decimal? to, decimal points, decimal weight = 0.2m)
    {
        var band = new Entity(Rule.EntityLogicalName)
        {
            [Rule.Fields.Name] = factor + " from " + from,
            [Rule.Fields.ScoringRuleSetId] = new EntityReference(RuleSet.EntityLogicalName, RuleSetId),
            [Rule.Fields.Factor] = factor,
            [Rule.Fields.BandFrom] = from,
            [Rule.Fields.Points] = points,
            [Rule.Fields.Weight] = weight,
        };
        if (to is { } upper)
        {
            band[Rule.Fields.BandTo] = upper;
        }

        return band;
    }

    private static Entity MatrixCell(string name, decimal valueFrom, decimal valueTo, decimal riskFrom, decimal riskTo) => new(Cell.EntityLogicalName)
    {
        [Cell.Fields.Name] = name,
        [Cell.Fields.ScoringRuleSetId] = new EntityReference(RuleSet.EntityLogicalName, RuleSetId),
        [Cell.Fields.ValueFrom] = valueFrom,
        [Cell.Fields.ValueTo] = valueTo,
        [Cell.Fields.RiskFrom] = riskFrom,
        [Cell.Fields.RiskTo] = riskTo,
        [Cell.Fields.CreditTierId] = new EntityReference(Tier.EntityLogicalName, CreditTestIds.TierId("STRATEGIC")),
    };
}
