using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Scoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using EngineRuleSet = CreditOS.CreditEngine.Scoring.ScoringRuleSet;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;
using RuleTable = CreditOS.Dataverse.Model.ScoringRule;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Reads the active scoring rules (one cos_scoringrule row per band, factor named by its engine code) with their rule
/// set joined (with its settings columns, <see cref="RuleSetSettingsRecords"/>), in one query, and groups them into the
/// engine's versioned rule sets. No rows means the shipped rule sets.
/// </summary>
public static class ScoringRuleRecords
{
    private const string RuleSetAlias = "ruleset";

    /// <summary>The active rule sets, and the settings row of the default one in force (no customer group, highest version).</summary>
    public sealed record ScoringRecords(IReadOnlyList<EngineRuleSet> RuleSets, Entity DefaultRuleSetSettings);

    public static ScoringRecords? Read(IOrganizationService service)
    {
        var query = new QueryExpression(RuleTable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(RuleTable.Fields.ScoringRuleSetId, RuleTable.Fields.Factor, RuleTable.Fields.Weight, RuleTable.Fields.BandFrom, RuleTable.Fields.BandTo, RuleTable.Fields.Points),
        };
        query.Criteria.AddCondition(RuleTable.Fields.StateCode, ConditionOperator.Equal, (int)ScoringRuleState.Active);
        var ruleSet = query.AddLink(RuleSetTable.EntityLogicalName, RuleTable.Fields.ScoringRuleSetId, RuleSetTable.Fields.ScoringRuleSetId, JoinOperator.Inner);
        ruleSet.EntityAlias = RuleSetAlias;
        ruleSet.Columns = new ColumnSet([RuleSetTable.Fields.Name, RuleSetTable.Fields.Version, RuleSetTable.Fields.CustomerGroup, .. RuleSetSettingsRecords.Columns]);
        ruleSet.LinkCriteria.AddCondition(RuleSetTable.Fields.StateCode, ConditionOperator.Equal, (int)ScoringRuleSetState.Active);
        var rows = service.RetrieveMultiple(query).Entities;
        if (rows.Count == 0)
        {
            return null;
        }

        var groups = rows.GroupBy(r => r.GetAttributeValue<EntityReference>(RuleTable.Fields.ScoringRuleSetId).Id).ToList();
        var ruleSets = groups.Select(g => ToRuleSet(g)).ToList();
        var defaultSet = groups
            .Select(g => g.First())
            .Where(r => r.Aliased<OptionSetValue>(RuleSetAlias + "." + RuleSetTable.Fields.CustomerGroup) is null)
            .OrderByDescending(r => r.Aliased<int?>(RuleSetAlias + "." + RuleSetTable.Fields.Version) ?? 0)
            .FirstOrDefault();
        return new ScoringRecords(ruleSets, defaultSet is null ? new Entity(RuleSetTable.EntityLogicalName) : SettingsOf(defaultSet));
    }

    /// <summary>The rule set's settings columns from a rule row that joined them, as a row of the rule-set table.</summary>
    private static Entity SettingsOf(Entity joined)
    {
        var settings = new Entity(RuleSetTable.EntityLogicalName, joined.GetAttributeValue<EntityReference>(RuleTable.Fields.ScoringRuleSetId).Id);
        foreach (var column in RuleSetSettingsRecords.Columns)
        {
            if (joined.GetAttributeValue<AliasedValue>(RuleSetAlias + "." + column) is { Value: { } value })
            {
                settings[column] = value;
            }
        }

        return settings;
    }

    private static EngineRuleSet ToRuleSet(IEnumerable<Entity> rows)
    {
        var bands = rows.ToList();
        var first = bands[0];
        var group = first.Aliased<OptionSetValue>(RuleSetAlias + "." + RuleSetTable.Fields.CustomerGroup)?.Value;
        var name = first.Aliased<string>(RuleSetAlias + "." + RuleSetTable.Fields.Name) ?? string.Empty;
        var settings = SettingsOf(first);
        try
        {
            return new EngineRuleSet
            {
                Evidence = RuleSetSettingsRecords.ToEvidence(settings),
                RiskWithoutEvidence = RuleSetSettingsRecords.RiskWithoutEvidence(settings),
                Name = name,
                Version = first.Aliased<int?>(RuleSetAlias + "." + RuleSetTable.Fields.Version) ?? 1,
                CustomerGroup = group is { } value ? Enum.GetName(typeof(CustomerGroup), value) : null,
                Rules = ScoringBandRows.ToRules(bands.Select(ToBand)),
            };
        }
        catch (CreditInputException invalid)
        {
            throw new InvalidPluginExecutionException("The scoring rule set '" + name + "' is not valid: " + invalid.Message, invalid);
        }
    }

    private static ScoringBandRow ToBand(Entity row)
    {
        var code = row.GetAttributeValue<string>(RuleTable.Fields.Factor);
        if (!Enum.TryParse<ScoringFactor>(code, ignoreCase: true, out var factor))
        {
            throw new CreditInputException("'" + code + "' is not a factor the credit engine knows.");
        }

        return new ScoringBandRow(
            factor,
            (double)(row.GetAttributeValue<decimal?>(RuleTable.Fields.Weight) ?? 0m),
            row.GetAttributeValue<decimal?>(RuleTable.Fields.BandFrom) is { } from ? (double)from : null,
            row.GetAttributeValue<decimal?>(RuleTable.Fields.BandTo) is { } to ? (double)to : null,
            (double)(row.GetAttributeValue<decimal?>(RuleTable.Fields.Points) ?? 0m));
    }

    /// <summary>
    /// One <c>cos_scoringrule</c> row per band of every rule of <paramref name="ruleSet"/>; the engine's weights are
    /// relative within a score, the column holds them normalized to sum to 1 per score.
    /// </summary>
    public static IEnumerable<Entity> FromRuleSet(EngineRuleSet ruleSet, Guid ruleSetId)
    {
        foreach (var rule in ruleSet.Rules)
        {
            var kind = rule.Factor.KindOf();
            var weightOfScore = ruleSet.Rules.Where(r => r.Factor.KindOf() == kind).Sum(r => r.Weight);
            foreach (var band in rule.Bands)
            {
                var row = new Entity(RuleTable.EntityLogicalName)
                {
                    [RuleTable.Fields.Name] = rule.Factor + " " + BandText(band),
                    [RuleTable.Fields.ScoringRuleSetId] = new EntityReference(RuleSetTable.EntityLogicalName, ruleSetId),
                    [RuleTable.Fields.ScoreType] = new OptionSetValue((int)(kind == ScoreKind.Value ? ScoringRuleScoreType.Value : ScoringRuleScoreType.Risk)),
                    [RuleTable.Fields.Factor] = rule.Factor.ToString(),
                    [RuleTable.Fields.Points] = (decimal)band.Points,
                    [RuleTable.Fields.Weight] = Math.Round((decimal)(rule.Weight / weightOfScore), 6),
                };
                if (band.LowerBound is { } from)
                {
                    row[RuleTable.Fields.BandFrom] = (decimal)from;
                }

                if (band.UpperBound is { } to)
                {
                    row[RuleTable.Fields.BandTo] = (decimal)to;
                }

                yield return row;
            }
        }
    }

    private static string BandText(ScoreBand band) =>
        "[" + (band.LowerBound?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-inf") + ", "
        + (band.UpperBound?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "inf") + ")";
}
