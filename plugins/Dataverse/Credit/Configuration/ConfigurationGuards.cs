using System.Globalization;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;
using RuleTable = CreditOS.Dataverse.Model.ScoringRule;
using TierTable = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Validates a configuration row as it will be after the save (the target over the row as it was) and refuses it with
/// every problem in words an administrator understands. Policies use the engine's policy validator; tiers must point
/// to a policy and keep their code unique; scoring-rule bands and tier-matrix cells must not overlap their siblings.
/// A complete configuration is validated again with the engine's configuration validator when accounts are scored.
/// </summary>
public static class ConfigurationGuards
{
    private const decimal MinimumScore = 0m;
    private const decimal MaximumScore = 100m;

    public static void GuardPolicy(Entity row)
    {
        var errors = new List<string>();
        CreditPolicyValidator.Validate(CreditConfigurationRecords.ToPolicy(row), errors);
        if (string.IsNullOrWhiteSpace(row.GetAttributeValue<string>(PolicyTable.Fields.Code)))
        {
            errors.Add("The policy needs a code (for example STANDARD); tiers and scores refer to it.");
        }

        Refuse("credit policy", row.GetAttributeValue<string>(PolicyTable.Fields.Name), errors);
    }

    /// <summary>One query: other active tiers with the same code.</summary>
    public static void GuardTier(IOrganizationService service, Entity row)
    {
        var errors = new List<string>();
        var code = row.GetAttributeValue<string>(TierTable.Fields.Code);
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add("The tier needs a code (for example PREFERRED).");
        }
        else if (OtherActiveRows(service, TierTable.EntityLogicalName, TierTable.Fields.CreditTierId, row.Id, TierTable.Fields.StateCode, (int)CreditTierState.Active, TierTable.Fields.Code, code!).Count > 0)
        {
            errors.Add("Another active tier already has the code " + code + "; tier codes must be unique.");
        }

        if (row.GetAttributeValue<EntityReference>(TierTable.Fields.CreditPolicyId) is null)
        {
            errors.Add("Every tier needs a credit policy: choose the policy the tier grants.");
        }

        if ((row.GetAttributeValue<int?>(TierTable.Fields.Rank) ?? 0) < 1)
        {
            errors.Add("The tier's rank must be 1 or more (1 = best tier).");
        }

        Refuse("credit tier", row.GetAttributeValue<string>(TierTable.Fields.Name), errors);
    }

    /// <summary>One query: the other bands of the same rule set and factor.</summary>
    public static void GuardScoringRule(IOrganizationService service, Entity row)
    {
        var errors = new List<string>();
        var factorCode = row.GetAttributeValue<string>(RuleTable.Fields.Factor);
        if (!Enum.TryParse<ScoringFactor>(factorCode, ignoreCase: true, out var factor) || !Enum.IsDefined(typeof(ScoringFactor), factor) || int.TryParse(factorCode, out _))
        {
            errors.Add("'" + factorCode + "' is not a factor the credit engine knows; use one of " + string.Join(", ", Enum.GetNames(typeof(ScoringFactor))) + ".");
        }

        var weight = row.GetAttributeValue<decimal?>(RuleTable.Fields.Weight) ?? 0m;
        if (weight <= 0)
        {
            errors.Add("The weight must be above zero (got " + Number(weight) + "); deactivate the rule to ignore the factor.");
        }

        var points = row.GetAttributeValue<decimal?>(RuleTable.Fields.Points) ?? 0m;
        if (points is < MinimumScore or > MaximumScore)
        {
            errors.Add("A band gives between 0 and 100 points (got " + Number(points) + ").");
        }

        var from = row.GetAttributeValue<decimal?>(RuleTable.Fields.BandFrom);
        var to = row.GetAttributeValue<decimal?>(RuleTable.Fields.BandTo);
        if (from is { } lower && to is { } upper && lower >= upper)
        {
            errors.Add("The band " + Range(from, to) + " is empty: its lower bound must be below its upper bound.");
        }

        if (errors.Count == 0 && row.GetAttributeValue<EntityReference>(RuleTable.Fields.ScoringRuleSetId) is { } ruleSet)
        {
            foreach (var sibling in Siblings(service, row, ruleSet.Id, factorCode!))
            {
                var siblingFrom = sibling.GetAttributeValue<decimal?>(RuleTable.Fields.BandFrom);
                var siblingTo = sibling.GetAttributeValue<decimal?>(RuleTable.Fields.BandTo);
                if (Overlaps(from, to, siblingFrom, siblingTo))
                {
                    errors.Add("The band " + Range(from, to) + " overlaps the band " + Range(siblingFrom, siblingTo) + " of the same factor; adjust the bounds so each measure falls in one band.");
                }

                if ((sibling.GetAttributeValue<decimal?>(RuleTable.Fields.Weight) ?? 0m) != weight)
                {
                    errors.Add("The bands of factor " + factorCode + " carry weight " + Number(sibling.GetAttributeValue<decimal?>(RuleTable.Fields.Weight) ?? 0m)
                        + "; give this band the same weight (the weight belongs to the factor).");
                }
            }
        }

        Refuse("scoring rule", row.GetAttributeValue<string>(RuleTable.Fields.Name), errors.Distinct().ToList());
    }

    /// <summary>One query: the other cells of the same rule set's matrix.</summary>
    public static void GuardTierMatrixCell(IOrganizationService service, Entity row)
    {
        var errors = new List<string>();
        var valueFrom = row.GetAttributeValue<decimal?>(TierMatrixCell.Fields.ValueFrom) ?? MinimumScore;
        var valueTo = row.GetAttributeValue<decimal?>(TierMatrixCell.Fields.ValueTo) ?? MaximumScore;
        var riskFrom = row.GetAttributeValue<decimal?>(TierMatrixCell.Fields.RiskFrom) ?? MinimumScore;
        var riskTo = row.GetAttributeValue<decimal?>(TierMatrixCell.Fields.RiskTo) ?? MaximumScore;
        CheckScoreRange("value", valueFrom, valueTo, errors);
        CheckScoreRange("risk", riskFrom, riskTo, errors);
        if (row.GetAttributeValue<EntityReference>(TierMatrixCell.Fields.CreditTierId) is null)
        {
            errors.Add("The cell needs the tier its customers get.");
        }

        if (errors.Count == 0)
        {
            var query = new QueryExpression(TierMatrixCell.EntityLogicalName)
            {
                ColumnSet = new ColumnSet(TierMatrixCell.Fields.Name, TierMatrixCell.Fields.ValueFrom, TierMatrixCell.Fields.ValueTo, TierMatrixCell.Fields.RiskFrom, TierMatrixCell.Fields.RiskTo),
            };
            query.Criteria.AddCondition(TierMatrixCell.Fields.StateCode, ConditionOperator.Equal, (int)TierMatrixCellState.Active);
            AddSameRuleSet(query.Criteria, row.GetAttributeValue<EntityReference>(TierMatrixCell.Fields.ScoringRuleSetId), TierMatrixCell.Fields.ScoringRuleSetId);
            if (row.Id != Guid.Empty)
            {
                query.Criteria.AddCondition(TierMatrixCell.Fields.TierMatrixCellId, ConditionOperator.NotEqual, row.Id);
            }

            foreach (var other in service.RetrieveMultiple(query).Entities)
            {
                var otherValueFrom = other.GetAttributeValue<decimal?>(TierMatrixCell.Fields.ValueFrom) ?? MinimumScore;
                var otherValueTo = other.GetAttributeValue<decimal?>(TierMatrixCell.Fields.ValueTo) ?? MaximumScore;
                var otherRiskFrom = other.GetAttributeValue<decimal?>(TierMatrixCell.Fields.RiskFrom) ?? MinimumScore;
                var otherRiskTo = other.GetAttributeValue<decimal?>(TierMatrixCell.Fields.RiskTo) ?? MaximumScore;
                if (Overlaps(valueFrom, valueTo, otherValueFrom, otherValueTo) && Overlaps(riskFrom, riskTo, otherRiskFrom, otherRiskTo))
                {
                    errors.Add("The cell (value " + Range(valueFrom, valueTo) + ", risk " + Range(riskFrom, riskTo) + ") overlaps the cell '"
                        + other.GetAttributeValue<string>(TierMatrixCell.Fields.Name) + "' (value " + Range(otherValueFrom, otherValueTo) + ", risk " + Range(otherRiskFrom, otherRiskTo)
                        + "); each pair of scores must lead to one tier.");
                }
            }
        }

        Refuse("tier matrix cell", row.GetAttributeValue<string>(TierMatrixCell.Fields.Name), errors);
    }

    /// <summary>The row as it will be after the save: the target's columns over the row as it was.</summary>
    public static Entity Merge(Entity target, Entity? before)
    {
        var merged = new Entity(target.LogicalName, target.Id);
        if (before is not null)
        {
            merged.Id = before.Id;
            foreach (var column in before.Attributes)
            {
                merged[column.Key] = column.Value;
            }
        }

        foreach (var column in target.Attributes)
        {
            merged[column.Key] = column.Value;
        }

        return merged;
    }

    private static List<Entity> Siblings(IOrganizationService service, Entity row, Guid ruleSetId, string factor)
    {
        var query = new QueryExpression(RuleTable.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(RuleTable.Fields.BandFrom, RuleTable.Fields.BandTo, RuleTable.Fields.Weight),
        };
        query.Criteria.AddCondition(RuleTable.Fields.ScoringRuleSetId, ConditionOperator.Equal, ruleSetId);
        query.Criteria.AddCondition(RuleTable.Fields.Factor, ConditionOperator.Equal, factor);
        query.Criteria.AddCondition(RuleTable.Fields.StateCode, ConditionOperator.Equal, (int)ScoringRuleState.Active);
        if (row.Id != Guid.Empty)
        {
            query.Criteria.AddCondition(RuleTable.Fields.ScoringRuleId, ConditionOperator.NotEqual, row.Id);
        }

        return service.RetrieveMultiple(query).Entities.ToList();
    }

    private static List<Entity> OtherActiveRows(IOrganizationService service, string table, string idColumn, Guid id, string stateColumn, int activeState, string keyColumn, string key)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(keyColumn), TopCount = 1 };
        query.Criteria.AddCondition(keyColumn, ConditionOperator.Equal, key);
        query.Criteria.AddCondition(stateColumn, ConditionOperator.Equal, activeState);
        if (id != Guid.Empty)
        {
            query.Criteria.AddCondition(idColumn, ConditionOperator.NotEqual, id);
        }

        return service.RetrieveMultiple(query).Entities.ToList();
    }

    private static void AddSameRuleSet(FilterExpression criteria, EntityReference? ruleSet, string column)
    {
        if (ruleSet is null)
        {
            criteria.AddCondition(column, ConditionOperator.Null);
        }
        else
        {
            criteria.AddCondition(column, ConditionOperator.Equal, ruleSet.Id);
        }
    }

    private static void CheckScoreRange(string score, decimal from, decimal to, List<string> errors)
    {
        if (from < MinimumScore || to > MaximumScore || from >= to)
        {
            errors.Add("The " + score + " range " + Range(from, to) + " must lie within 0-100 with its start below its end.");
        }
    }

    private static bool Overlaps(decimal? from, decimal? to, decimal? otherFrom, decimal? otherTo) =>
        (from ?? decimal.MinValue) < (otherTo ?? decimal.MaxValue) && (otherFrom ?? decimal.MinValue) < (to ?? decimal.MaxValue);

    private static string Range(decimal? from, decimal? to) =>
        "[" + (from is { } lower ? Number(lower) : "-∞") + ", " + (to is { } upper ? Number(upper) : "∞") + ")";

    private static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static void Refuse(string what, string? name, IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidPluginExecutionException(
                "The " + what + (string.IsNullOrEmpty(name) ? string.Empty : " '" + name + "'") + " cannot be saved: " + string.Join(" ", errors));
        }
    }
}
