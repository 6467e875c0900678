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

    /// <summary>
    /// Two queries for an active tier: other active tiers with the same code or rank (one query), and its policy's
    /// state (an active tier must never point at a deactivated policy: every rescoring would fail).
    /// </summary>
    public static void GuardTier(IOrganizationService service, Entity row)
    {
        var errors = new List<string>();
        var code = row.GetAttributeValue<string>(TierTable.Fields.Code);
        var rank = row.GetAttributeValue<int?>(TierTable.Fields.Rank) ?? 0;
        var active = (row.GetAttributeValue<OptionSetValue>(TierTable.Fields.StateCode)?.Value ?? (int)CreditTierState.Active) == (int)CreditTierState.Active;
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add("The tier needs a code (for example PREFERRED).");
        }

        if (rank < 1)
        {
            errors.Add("The tier's rank must be 1 or more (1 = best tier).");
        }

        if (active && (!string.IsNullOrWhiteSpace(code) || rank >= 1))
        {
            foreach (var other in OtherActiveTiersWithCodeOrRank(service, row.Id, code, rank))
            {
                if (!string.IsNullOrWhiteSpace(code) && string.Equals(other.GetAttributeValue<string>(TierTable.Fields.Code), code, StringComparison.Ordinal))
                {
                    errors.Add("Another active tier already has the code " + code + "; tier codes must be unique.");
                }

                if (rank >= 1 && other.GetAttributeValue<int?>(TierTable.Fields.Rank) == rank)
                {
                    errors.Add("The active tier '" + other.GetAttributeValue<string>(TierTable.Fields.Name) + "' already has rank " + rank + "; each tier needs its own rank.");
                }
            }
        }

        if (row.GetAttributeValue<EntityReference>(TierTable.Fields.CreditPolicyId) is not { } policy)
        {
            errors.Add("Every tier needs a credit policy: choose the policy the tier grants.");
        }
        else if (active)
        {
            var policyRow = service.Retrieve(PolicyTable.EntityLogicalName, policy.Id, new ColumnSet(PolicyTable.Fields.Name, PolicyTable.Fields.StateCode));
            if (policyRow.GetAttributeValue<OptionSetValue>(PolicyTable.Fields.StateCode)?.Value != (int)CreditPolicyState.Active)
            {
                errors.Add("The policy '" + policyRow.GetAttributeValue<string>(PolicyTable.Fields.Name) + "' is deactivated; an active tier must grant an active policy.");
            }
        }

        Refuse("credit tier", row.GetAttributeValue<string>(TierTable.Fields.Name), errors.Distinct().ToList());
    }

    /// <summary>One query when the policy is being deactivated: an active tier that still grants it.</summary>
    public static void GuardPolicyDeactivation(IOrganizationService service, Entity target, Guid policyId, string? name)
    {
        if (target.GetAttributeValue<OptionSetValue>(PolicyTable.Fields.StateCode)?.Value != (int)CreditPolicyState.Inactive)
        {
            return;
        }

        var query = new QueryExpression(TierTable.EntityLogicalName) { ColumnSet = new ColumnSet(TierTable.Fields.Name), TopCount = 1 };
        query.Criteria.AddCondition(TierTable.Fields.CreditPolicyId, ConditionOperator.Equal, policyId);
        query.Criteria.AddCondition(TierTable.Fields.StateCode, ConditionOperator.Equal, (int)CreditTierState.Active);
        if (service.RetrieveMultiple(query).Entities.FirstOrDefault() is { } tier)
        {
            Refuse("credit policy", name, ["The active tier '" + tier.GetAttributeValue<string>(TierTable.Fields.Name) + "' grants this policy; point the tier at another policy (or deactivate it) before deactivating the policy."]);
        }
    }

    /// <summary>
    /// Activating a scoring rule set is the moment its version is checked as part of the whole configuration: the
    /// configuration as it is with the set active (read inside the activation's transaction) must be valid.
    /// </summary>
    public static void GuardRuleSetActivation(IOrganizationService service, ITracingService tracing, string? name, string? version)
    {
        try
        {
            CreditConfigurationReader.Read(service, tracing);
        }
        catch (InvalidPluginExecutionException invalid)
        {
            throw new InvalidPluginExecutionException(
                "The scoring rule set '" + name + "'" + (string.IsNullOrEmpty(version) ? string.Empty : " version " + version)
                + " cannot be activated, so it stays inactive: " + invalid.Message, invalid);
        }
    }

    /// <summary>
    /// The configuration in force after a change or deletion of one of its rows (read inside the save's transaction,
    /// 3 calls) must still be valid; otherwise the save is refused with the reason and rolled back.
    /// </summary>
    public static void GuardConfigurationStaysValid(IOrganizationService service, ITracingService tracing, string table, string message)
    {
        try
        {
            CreditConfigurationReader.Read(service, tracing);
        }
        catch (InvalidPluginExecutionException invalid)
        {
            throw new InvalidPluginExecutionException(
                "This " + (message == "Delete" ? "deletion of a " : "change to a ") + TableName(table) + " would leave the credit configuration in force invalid, so it was not saved: " + invalid.Message,
                invalid);
        }
    }

    private static string TableName(string table) => table switch
    {
        PolicyTable.EntityLogicalName => "credit policy",
        TierTable.EntityLogicalName => "credit tier",
        RuleTable.EntityLogicalName => "scoring rule",
        Model.TierMatrixCell.EntityLogicalName => "tier matrix cell",
        Model.ScoringRuleSet.EntityLogicalName => "scoring rule set",
        _ => table,
    };

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

    private static List<Entity> OtherActiveTiersWithCodeOrRank(IOrganizationService service, Guid id, string? code, int rank)
    {
        var query = new QueryExpression(TierTable.EntityLogicalName) { ColumnSet = new ColumnSet(TierTable.Fields.Name, TierTable.Fields.Code, TierTable.Fields.Rank) };
        query.Criteria.AddCondition(TierTable.Fields.StateCode, ConditionOperator.Equal, (int)CreditTierState.Active);
        if (id != Guid.Empty)
        {
            query.Criteria.AddCondition(TierTable.Fields.CreditTierId, ConditionOperator.NotEqual, id);
        }

        var either = query.Criteria.AddFilter(LogicalOperator.Or);
        if (!string.IsNullOrWhiteSpace(code))
        {
            either.AddCondition(TierTable.Fields.Code, ConditionOperator.Equal, code);
        }

        if (rank >= 1)
        {
            either.AddCondition(TierTable.Fields.Rank, ConditionOperator.Equal, rank);
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
