extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using static CreditOS.Testing.ServiceFaults;
using Cell = plugins::CreditOS.Dataverse.Model.TierMatrixCell;
using Defaults = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;
using EngineBand = plugins::CreditOS.CreditEngine.Scoring.ScoreBand;
using EngineFactor = plugins::CreditOS.CreditEngine.Scoring.ScoringFactor;
using EngineRule = plugins::CreditOS.CreditEngine.Scoring.ScoringRule;
using Policy = plugins::CreditOS.Dataverse.Model.CreditPolicy;
using Records = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using Rule = plugins::CreditOS.Dataverse.Model.ScoringRule;
using RuleRecords = plugins::CreditOS.Dataverse.Credit.Configuration.ScoringRuleRecords;
using RuleSet = plugins::CreditOS.Dataverse.Model.ScoringRuleSet;
using Tier = plugins::CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Plugins.Tests;

/// <summary>
/// Configuration that would break every later rescoring is refused when the Credit Administrator saves it, with the
/// reason, and nothing changes: the whole configuration is read and validated inside the save's transaction.
/// </summary>
public sealed class ConfigurationIntegrityTests : IDisposable
{
    private static readonly Guid RuleSetId = new("e3000000-0000-4000-8000-0000000000b1");
    private static readonly Guid CandidateId = new("e3000000-0000-4000-8000-0000000000b2");
    // What a change does, not who may make it: the environment lets one administrator change the rule set in force
    // (four-eyes off; ConfigurationFourEyesControlTests hold the packed default).
    private readonly CreditWorld world = CreditWorld.WithAllPlugins().WithoutConfigurationFourEyes();

    public ConfigurationIntegrityTests()
    {
        foreach (var row in Records.SeedScoringRows(Defaults.Create(), RuleSetId, CreditTestIds.TierId, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            world.Service.Create(row);
        }
    }

    public void Dispose() => world.Dispose();

    private IOrganizationService CreditAdministrator => world.Context.As(FixedIds.CreditOfficer);

    [Fact]
    public void DeactivatingATierMatrixCell_LeavesAMissingCell_AndIsRefused()
    {
        var cell = ActiveRows(Cell.EntityLogicalName, Cell.Fields.StateCode).First();

        var error = Refused(() => CreditAdministrator.Update(new Entity(Cell.EntityLogicalName, cell.Id) { [Cell.Fields.StateCode] = new OptionSetValue(1), [Cell.Fields.StatusCode] = new OptionSetValue(2) }));

        Assert.Contains("This change to a tier matrix cell would leave the credit configuration in force invalid, so it was not saved", error, StringComparison.Ordinal);
        Assert.Contains("tier matrix", error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, world.Service.Retrieve(Cell.EntityLogicalName, cell.Id, new ColumnSet(Cell.Fields.StateCode)).GetAttributeValue<OptionSetValue>(Cell.Fields.StateCode).Value);
    }

    [Fact]
    public void DeletingATierMatrixCell_IsRefused()
    {
        var cell = ActiveRows(Cell.EntityLogicalName, Cell.Fields.StateCode).First();

        var error = Refused(() => world.Context.As(FixedIds.AdminUser).Delete(Cell.EntityLogicalName, cell.Id));

        Assert.Contains("This deletion of a tier matrix cell would leave the credit configuration in force invalid", error, StringComparison.Ordinal);
        Assert.Equal(12, ActiveRows(Cell.EntityLogicalName, Cell.Fields.StateCode).Count);
    }

    [Fact]
    public void MovingABandEdge_ThatOpensAGapBetweenBands_IsRefused()
    {
        // LateShare bands (v5, points = the share): [-inf, 0) [0, 10) [10, 20) [20, 40) ...; moving the third band's start
        // to 13 leaves 10-13 uncovered.
        var band = BandOf("LateShare", from: 10m);

        var error = Refused(() => CreditAdministrator.Update(new Entity(Rule.EntityLogicalName, band.Id) { [Rule.Fields.BandFrom] = 13m }));

        Assert.Contains("no band covers 10 to 13; close the gap", error, StringComparison.Ordinal);
        Assert.Equal(10m, world.Service.Retrieve(Rule.EntityLogicalName, band.Id, new ColumnSet(Rule.Fields.BandFrom)).GetAttributeValue<decimal>(Rule.Fields.BandFrom));
    }

    [Fact]
    public void DeactivatingTheOpenTopBand_LeavesASingleClosedBand_AndIsRefused()
    {
        // BureauJudgments has two bands, [-inf, 1) and [1, inf); without the second no band covers one judgment or more.
        var top = BandOf("BureauJudgments", from: 1m);

        var error = Refused(() => CreditAdministrator.Update(new Entity(Rule.EntityLogicalName, top.Id) { [Rule.Fields.StateCode] = new OptionSetValue(1), [Rule.Fields.StatusCode] = new OptionSetValue(2) }));

        Assert.Contains("factor BureauJudgments: the highest band must be open-ended", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoTiersWithTheSameRank_AreRefused()
    {
        var error = Refused(() => CreditAdministrator.Update(new Entity(Tier.EntityLogicalName, CreditTestIds.TierId("WATCH")) { [Tier.Fields.Rank] = 3 }));

        Assert.Contains("already has rank 3; each tier needs its own rank", error, StringComparison.Ordinal);
        Assert.Equal(4, world.Service.Retrieve(Tier.EntityLogicalName, CreditTestIds.TierId("WATCH"), new ColumnSet(Tier.Fields.Rank)).GetAttributeValue<int>(Tier.Fields.Rank));
    }

    [Fact]
    public void DeactivatingAPolicyATierStillPointsTo_IsRefused()
    {
        var error = Refused(() => CreditAdministrator.Update(new Entity(Policy.EntityLogicalName, CreditTestIds.StandardPolicy) { [Policy.Fields.StateCode] = new OptionSetValue(1), [Policy.Fields.StatusCode] = new OptionSetValue(2) }));

        Assert.Contains("Standard", error, StringComparison.Ordinal);
        Assert.Equal(0, world.Service.Retrieve(Policy.EntityLogicalName, CreditTestIds.StandardPolicy, new ColumnSet(Policy.Fields.StateCode)).GetAttributeValue<OptionSetValue>(Policy.Fields.StateCode).Value);
    }

    [Fact]
    public void ActivatingARuleSetWrittenInPercentWhereTheEngineMeasuresARatio_IsRefusedNamingFactorAndUnits()
    {
        var shipped = Defaults.Create().RuleSets.Single();
        var inPercent = shipped with
        {
            Version = shipped.Version + 1,
            Rules = shipped.Rules.Select(r => r.Factor == EngineFactor.RevenueVsSegment
                ? new EngineRule(r.Factor, r.Weight, r.Bands.Select(b => new EngineBand(b.LowerBound * 100, b.UpperBound * 100, b.Points)).ToList())
                : r).ToList(),
        };
        CreditAdministrator.Create(Records.FromRuleSet(inPercent, CandidateId, null, null, "Imported in percent by mistake"));
        CreditAdministrator.Update(new Entity(RuleSet.EntityLogicalName, CandidateId) { [RuleSet.Fields.StateCode] = new OptionSetValue(1), [RuleSet.Fields.StatusCode] = new OptionSetValue(2) });
        foreach (var row in RuleRecords.FromRuleSet(inPercent, CandidateId))
        {
            CreditAdministrator.Create(row);
        }

        var error = Refused(() => CreditAdministrator.Update(new Entity(RuleSet.EntityLogicalName, CandidateId) { [RuleSet.Fields.StateCode] = new OptionSetValue(0), [RuleSet.Fields.StatusCode] = new OptionSetValue(1) }));

        Assert.Contains("cannot be activated, so it stays inactive", error, StringComparison.Ordinal);
        Assert.Contains("factor RevenueVsSegment: band edge(s) 100, 200 lie outside 0 to 50; the factor is measured in a ratio to the segment's reference revenue", error, StringComparison.Ordinal);
        Assert.Equal(1, world.Service.Retrieve(RuleSet.EntityLogicalName, CandidateId, new ColumnSet(RuleSet.Fields.StateCode)).GetAttributeValue<OptionSetValue>(RuleSet.Fields.StateCode).Value);
    }

    [Fact]
    public void AValidChangeByTheCreditAdministrator_IsSaved_WithinTheReadersCallBudget()
    {
        var band = BandOf("LateShare", from: 10m);

        CreditAdministrator.Update(new Entity(Rule.EntityLogicalName, band.Id) { [Rule.Fields.Points] = 20m });

        Assert.Equal(20m, world.Service.Retrieve(Rule.EntityLogicalName, band.Id, new ColumnSet(Rule.Fields.Points)).GetAttributeValue<decimal>(Rule.Fields.Points));
        var check = world.ExecutionsOf(typeof(plugins::CreditOS.Plugins.ConfigurationIntegrityPlugin)).Single();
        Assert.InRange(check.ServiceCalls, 1, plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationReader.Calls);
    }

    private Entity BandOf(string factor, decimal from) =>
        ActiveRows(Rule.EntityLogicalName, Rule.Fields.StateCode, Rule.Fields.Factor, Rule.Fields.BandFrom)
            .Single(r => r.GetAttributeValue<string>(Rule.Fields.Factor) == factor && r.GetAttributeValue<decimal?>(Rule.Fields.BandFrom) == from);

    private List<Entity> ActiveRows(string table, string stateColumn, params string[] columns)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns) };
        query.Criteria.AddCondition(stateColumn, ConditionOperator.Equal, 0);
        return world.Service.RetrieveMultiple(query).Entities.ToList();
    }
}
