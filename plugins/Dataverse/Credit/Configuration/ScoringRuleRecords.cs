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
/// set joined, in one query, and groups them into the engine's versioned rule sets. No rows means the shipped rule sets.
/// </summary>
public static class ScoringRuleRecords
{
    private const string RuleSetAlias = "ruleset";

    public static IReadOnlyList<EngineRuleSet>? Read(IOrganizationService service)
    {
        var query = new QueryExpression(RuleTable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(RuleTable.Fields.ScoringRuleSetId, RuleTable.Fields.Factor, RuleTable.Fields.Weight, RuleTable.Fields.BandFrom, RuleTable.Fields.BandTo, RuleTable.Fields.Points),
        };
        query.Criteria.AddCondition(RuleTable.Fields.StateCode, ConditionOperator.Equal, (int)ScoringRuleState.Active);
        var ruleSet = query.AddLink(RuleSetTable.EntityLogicalName, RuleTable.Fields.ScoringRuleSetId, RuleSetTable.Fields.ScoringRuleSetId, JoinOperator.Inner);
        ruleSet.EntityAlias = RuleSetAlias;
        ruleSet.Columns = new ColumnSet(RuleSetTable.Fields.Name, RuleSetTable.Fields.Version, RuleSetTable.Fields.CustomerGroup);
        ruleSet.LinkCriteria.AddCondition(RuleSetTable.Fields.StateCode, ConditionOperator.Equal, (int)ScoringRuleSetState.Active);
        var rows = service.RetrieveMultiple(query).Entities;
        if (rows.Count == 0)
        {
            return null;
        }

        return rows.GroupBy(r => r.GetAttributeValue<EntityReference>(RuleTable.Fields.ScoringRuleSetId).Id).Select(ToRuleSet).ToList();
    }

    private static EngineRuleSet ToRuleSet(IEnumerable<Entity> rows)
    {
        var bands = rows.ToList();
        var first = bands[0];
        var group = first.Aliased<OptionSetValue>(RuleSetAlias + "." + RuleSetTable.Fields.CustomerGroup)?.Value;
        var name = first.Aliased<string>(RuleSetAlias + "." + RuleSetTable.Fields.Name) ?? string.Empty;
        try
        {
            return new EngineRuleSet
            {
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
}
