extern alias plugins;

using CreditOS.Plugins.Tests.Builders;
using CreditOS.Testing;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;
using Account = plugins::CreditOS.Dataverse.Model.Account;
using Defaults = plugins::CreditOS.CreditEngine.Configuration.DefaultCreditConfiguration;
using History = plugins::CreditOS.Dataverse.Model.CreditScoreHistory;
using PageApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountPageApi;
using PagePlugin = plugins::CreditOS.Plugins.RescoreAccountPagePlugin;
using Records = plugins::CreditOS.Dataverse.Credit.Configuration.CreditConfigurationRecords;
using RescoreApi = plugins::CreditOS.Dataverse.Credit.Rescoring.RescoreAccountApi;
using RescorePlugin = plugins::CreditOS.Plugins.RescoreAccountPlugin;
using RuleSet = plugins::CreditOS.Dataverse.Model.ScoringRuleSet;
using ScoreTrigger = plugins::CreditOS.Dataverse.Model.ScoreTrigger;

namespace CreditOS.Plugins.Tests.NightlyBatch;

/// <summary>
/// A score change smaller than the material change of the default rule set (1 point since session 16 unless an administrator sets
/// cos_materialscorechange) is not a new picture: the stored scores stay and no score-history row is recorded, unless
/// the risk level, tier, policy, limit or suspension changed. Night after night on a generated portfolio, the
/// per-account and the set-based paths agree account by account, and every history row they record is a material one.
/// </summary>
public sealed class ScoreMaterialityTests
{
    private static readonly Guid RuleSetId = new("e3000000-0000-4000-8000-0000000000b7");

    /// <summary>The shipped material score change (one point since session 16).</summary>
    private static readonly decimal Shipped = plugins::CreditOS.CreditEngine.Scoring.ScoreMateriality.DefaultThreshold;

    /// <summary>Nights a week apart, so evidence ages enough for some scores to move by more and some by less than the threshold.</summary>
    private static readonly TimeSpan Night = TimeSpan.FromDays(7);

    [Fact]
    public void NightAfterNight_OnlyMaterialMovesAreRecorded_AndBothPathsAgreeAccountByAccount()
    {
        using var perAccount = CreditWorld.WithPlugins(typeof(RescorePlugin), typeof(PagePlugin));
        using var setBased = CreditWorld.WithPlugins(typeof(RescorePlugin), typeof(PagePlugin));
        var portfolio = GeneratedPortfolio.Load(perAccount.Service, customers: 40, heldOrders: false);
        GeneratedPortfolio.Load(setBased.Service, customers: 40, heldOrders: false);
        var scored = portfolio.AccountIds.Where(id => id != portfolio.Unscorable).ToList();
        var recorded = 0;
        var kept = 0;

        for (var night = 0; night < 4; night++)
        {
            var before = scored.ToDictionary(id => id, id => perAccount.Account(id));
            var historyBefore = scored.ToDictionary(id => id, id => HistoryCount(perAccount, id));
            foreach (var id in scored)
            {
                RescoreOne(perAccount, id, ScoreTrigger.Scheduled);
            }

            foreach (var page in scored.Chunk(13))
            {
                setBased.Service.Execute(new OrganizationRequest(PageApi.UniqueName) { [PageApi.Request.AccountIds] = page.Select(id => id.ToString("D")).ToArray() });
            }

            foreach (var id in scored)
            {
                var after = perAccount.Account(id);
                Assert.Equal(Picture(after), Picture(setBased.Account(id)));
                Assert.Equal(HistoryCount(perAccount, id), HistoryCount(setBased, id));
                var newRow = HistoryCount(perAccount, id) > historyBefore[id];
                if (newRow)
                {
                    recorded++;
                    Assert.True(night == 0 || Material(before[id], after), "account " + id + " recorded a history row for an immaterial move: " + Picture(before[id]) + " → " + Picture(after));
                }
                else
                {
                    kept++;
                    Assert.Equal(Picture(before[id]), Picture(after));
                }
            }

            perAccount.Context.Clock.Advance(Night);
            setBased.Context.Clock.Advance(Night);
        }

        Assert.True(recorded > scored.Count, "the first night records every account and later nights some: " + recorded);
        Assert.True(kept > 0, "some nights keep some accounts' pictures: " + kept);
    }

    [Fact]
    public void AnAdministratorsThresholdOfZero_RecordsEveryStoredChange_TheShippedOnePointFewer()
    {
        using var shipped = WorldWithRuleSet(materialChange: null);
        using var everyChange = WorldWithRuleSet(materialChange: 0m);
        var portfolio = GeneratedPortfolio.Load(shipped.Service, customers: 30, heldOrders: false);
        GeneratedPortfolio.Load(everyChange.Service, customers: 30, heldOrders: false);
        var scored = portfolio.AccountIds.Where(id => id != portfolio.Unscorable).ToList();

        var immaterialMoves = 0;
        for (var night = 0; night < 3; night++)
        {
            var keptScores = scored.ToDictionary(id => id, id => shipped.Account(id));
            foreach (var id in scored)
            {
                RescoreOne(shipped, id, ScoreTrigger.OnDemand);
                RescoreOne(everyChange, id, ScoreTrigger.OnDemand);
                var assessed = everyChange.Account(id);
                var stored = shipped.Account(id);
                if (night > 0 && Picture(stored) == Picture(keptScores[id]) && Scores(assessed) != Scores(stored))
                {
                    immaterialMoves++;
                    // Kept: the stored scores are within the shipped material change (one point) of the ones the rescoring assessed.
                    Assert.True(Math.Abs(Value(assessed) - Value(stored)) < Shipped && Math.Abs(Risk(assessed) - Risk(stored)) < Shipped, Scores(assessed) + " against " + Scores(stored));
                }
            }

            shipped.Context.Clock.Advance(Night);
            everyChange.Context.Clock.Advance(Night);
        }

        Assert.True(immaterialMoves > 0, "some scores moved by less than the material change and were kept");
        Assert.True(
            everyChange.Dataverse.Count(History.EntityLogicalName) > shipped.Dataverse.Count(History.EntityLogicalName),
            "every change " + everyChange.Dataverse.Count(History.EntityLogicalName) + " history rows, the shipped threshold " + shipped.Dataverse.Count(History.EntityLogicalName));
    }

    private static CreditWorld WorldWithRuleSet(decimal? materialChange)
    {
        var world = CreditWorld.WithPlugins(typeof(RescorePlugin), typeof(PagePlugin));
        foreach (var row in Records.SeedScoringRows(Defaults.Create(), RuleSetId, CreditTestIds.TierId, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            world.Service.Create(row);
        }

        var seeded = world.Service.Retrieve(RuleSet.EntityLogicalName, RuleSetId, new ColumnSet(RuleSet.Fields.MaterialScoreChange));
        Assert.Equal(Shipped, seeded.GetAttributeValue<decimal?>(RuleSet.Fields.MaterialScoreChange));
        if (materialChange is { } threshold)
        {
            world.Context.As(FixedIds.CreditOfficer).Update(new Entity(RuleSet.EntityLogicalName, RuleSetId) { [RuleSet.Fields.MaterialScoreChange] = threshold });
        }

        return world;
    }

    private static void RescoreOne(CreditWorld world, Guid id, ScoreTrigger trigger) =>
        world.Service.Execute(new OrganizationRequest(RescoreApi.UniqueName)
        {
            ["Target"] = new EntityReference(Account.EntityLogicalName, id),
            [RescoreApi.Request.Trigger] = new OptionSetValue((int)trigger),
        });

    private static int HistoryCount(CreditWorld world, Guid accountId)
    {
        var query = new QueryExpression(History.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
        query.Criteria.AddCondition(History.Fields.AccountId, ConditionOperator.Equal, accountId);
        return world.Service.RetrieveMultiple(query).Entities.Count;
    }

    private static decimal Value(Entity account) => account.GetAttributeValue<decimal?>(Account.Fields.ValueScore) ?? -1m;

    private static decimal Risk(Entity account) => account.GetAttributeValue<decimal?>(Account.Fields.RiskScore) ?? -1m;

    private static string Scores(Entity account) => "value " + Value(account) + ", risk " + Risk(account);

    /// <summary>What makes a picture: the stored scores and the terms that depend on them.</summary>
    private static string Picture(Entity account) =>
        Scores(account)
        + ", level " + account.GetAttributeValue<OptionSetValue>(Account.Fields.RiskLevel)?.Value
        + ", tier " + account.GetAttributeValue<EntityReference>(Account.Fields.CreditTierId)?.Id
        + ", policy " + account.GetAttributeValue<EntityReference>(Account.Fields.CreditPolicyId)?.Id
        + ", limit " + account.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value
        + ", suspended " + account.GetAttributeValue<bool>(Account.Fields.IsSuspended)
        + ", reasons " + account.GetAttributeValue<string>(Account.Fields.TopReasons);

    private static bool Material(Entity before, Entity after) =>
        Math.Abs(Value(after) - Value(before)) >= Shipped
        || Math.Abs(Risk(after) - Risk(before)) >= Shipped
        || (Risk(after) < 0) != (Risk(before) < 0)
        || before.GetAttributeValue<OptionSetValue>(Account.Fields.RiskLevel)?.Value != after.GetAttributeValue<OptionSetValue>(Account.Fields.RiskLevel)?.Value
        || before.GetAttributeValue<EntityReference>(Account.Fields.CreditTierId)?.Id != after.GetAttributeValue<EntityReference>(Account.Fields.CreditTierId)?.Id
        || before.GetAttributeValue<EntityReference>(Account.Fields.CreditPolicyId)?.Id != after.GetAttributeValue<EntityReference>(Account.Fields.CreditPolicyId)?.Id
        || before.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value != after.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value
        || before.GetAttributeValue<bool>(Account.Fields.IsSuspended) != after.GetAttributeValue<bool>(Account.Fields.IsSuspended)
        || before.GetAttributeValue<string>(Account.Fields.RuleSetVersion) != after.GetAttributeValue<string>(Account.Fields.RuleSetVersion)
        || before.GetAttributeValue<bool>(Account.Fields.CreditOnHold) != after.GetAttributeValue<bool>(Account.Fields.CreditOnHold);
}
