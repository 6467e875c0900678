using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tiers;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using CellTable = CreditOS.Dataverse.Model.TierMatrixCell;
using EngineTiers = CreditOS.CreditEngine.Tiers;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;
using RuleTable = CreditOS.Dataverse.Model.ScoringRule;
using TierTable = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Cli.Demo.Seeding;

/// <summary>
/// Writes the engine's default configuration as the records administrators keep in Dataverse: policies, tiers
/// (each pointing to its policy), the scoring rule set with one rule row per factor band, and the tier matrix as
/// value/risk score ranges. Policies first, so every tier's lookup resolves.
/// </summary>
internal static class CreditConfigurationSeeder
{
    private const decimal PercentPerFraction = 100m;
    private const decimal TopOfScale = 100m;

    public static (IReadOnlyDictionary<string, Guid> Policies, IReadOnlyDictionary<string, Guid> Tiers, Guid RuleSet) Seed(
        IOrganizationService service, CreditConfiguration configuration, DateTime effectiveFrom)
    {
        var policies = configuration.Policies.ToDictionary(p => p.Code, p => service.Create(PolicyRow(p)), StringComparer.Ordinal);
        var tiers = configuration.Tiers.ToDictionary(
            t => t.Code,
            t => service.Create(TierRow(t, policies[t.PolicyCode], t.Code == configuration.StarterTerms.TierCode ? configuration.StarterTerms : null)),
            StringComparer.Ordinal);
        var ruleSet = configuration.RuleSets.Single(r => r.IsDefault);
        var ruleSetId = service.Create(RuleSetRow(ruleSet, effectiveFrom));
        foreach (var rule in ruleSet.Rules)
        {
            // The engine's weights are relative within a score; the column holds them normalized to sum to 1.
            var weightOfScore = ruleSet.Rules.Where(r => r.Factor.KindOf() == rule.Factor.KindOf()).Sum(r => r.Weight);
            foreach (var band in rule.Bands)
            {
                service.Create(RuleRow(ruleSetId, rule, band, rule.Weight / weightOfScore));
            }
        }

        foreach (var cell in configuration.TierMatrix)
        {
            service.Create(CellRow(ruleSetId, cell, tiers[cell.TierCode], configuration));
        }

        return (policies, tiers, ruleSetId);
    }

    private static Entity PolicyRow(CreditEngine.Policies.CreditPolicy policy) => new(PolicyTable.EntityLogicalName)
    {
        [PolicyTable.Fields.Name] = policy.Name,
        [PolicyTable.Fields.Code] = policy.Code,
        [PolicyTable.Fields.BaseLimit] = new Money(policy.BaseLimit),
        [PolicyTable.Fields.LimitHeadroom] = policy.LimitHeadroom,
        [PolicyTable.Fields.OrderToInvoiceDays] = policy.OrderToInvoiceDays,
        [PolicyTable.Fields.HardCap] = new Money(policy.HardCap),
        [PolicyTable.Fields.PaymentTermsDays] = policy.PaymentTermsDays,
        [PolicyTable.Fields.EarlyPaymentDiscount] = policy.EarlyPaymentDiscountPercent,
        [PolicyTable.Fields.EarlyPaymentDays] = policy.EarlyPaymentDiscountDays,
        [PolicyTable.Fields.GraceDays] = policy.GraceDays,
        [PolicyTable.Fields.BlockAboveUtilization] = policy.BlockAboveUtilization is { } block ? (decimal)block : null,
        [PolicyTable.Fields.RequiresApproval] = policy.ApprovalRequirement == CreditEngine.Policies.ApprovalRequirement.EveryOrder,
        [PolicyTable.Fields.IsPrepay] = policy.RequiresPrepayment,
        [PolicyTable.Fields.AlertThresholdWarning] = (decimal)policy.WarningUtilization * PercentPerFraction,
        [PolicyTable.Fields.AlertThresholdCritical] = (decimal)policy.CriticalUtilization * PercentPerFraction,
        [PolicyTable.Fields.OverdueAlertAmount] = new Money(policy.OverdueAlertAmount),
        [PolicyTable.Fields.LimitCutReviewShare] = policy.LimitChanges.MaximumCutShare,
        [PolicyTable.Fields.LimitStepDown] = policy.LimitChanges.StepDownGradually,
        [PolicyTable.Fields.LimitIncreaseReviewAbove] = policy.LimitChanges.IncreaseReviewAbove is { } increaseAbove ? new Money(increaseAbove) : null,
        [PolicyTable.Fields.Description] = policy.TermsText,
    };

    private static Entity TierRow(EngineTiers.CreditTier tier, Guid policyId, CreditEngine.Policies.StarterTermsRule? starter) => new(TierTable.EntityLogicalName)
    {
        [TierTable.Fields.Name] = tier.Name,
        [TierTable.Fields.Code] = tier.Code,
        [TierTable.Fields.Rank] = tier.Rank,
        [TierTable.Fields.CreditPolicyId] = new EntityReference(PolicyTable.EntityLogicalName, policyId),
        [TierTable.Fields.IsStarter] = starter is not null,
        [TierTable.Fields.StarterMinimumOrders] = starter?.MinimumCompletedOrders,
        [TierTable.Fields.StarterMinimumMonths] = starter?.MinimumMonthsOfHistory,
        [TierTable.Fields.StarterRequireBoth] = starter?.RequireBoth,
    };

    private static Entity RuleSetRow(CreditEngine.Scoring.ScoringRuleSet ruleSet, DateTime effectiveFrom) => new(RuleSetTable.EntityLogicalName)
    {
        [RuleSetTable.Fields.Name] = ruleSet.Name,
        [RuleSetTable.Fields.Version] = ruleSet.Version,
        [RuleSetTable.Fields.IsDefault] = true,
        [RuleSetTable.Fields.EffectiveFrom] = effectiveFrom,
        [RuleSetTable.Fields.Description] = "Shipped with creditOS: the credit engine's default rule set.",
    };

    private static Entity RuleRow(Guid ruleSetId, CreditEngine.Scoring.ScoringRule rule, ScoreBand band, double normalizedWeight) => new(RuleTable.EntityLogicalName)
    {
        [RuleTable.Fields.Name] = rule.Factor + " " + BandText(band),
        [RuleTable.Fields.ScoringRuleSetId] = new EntityReference(RuleSetTable.EntityLogicalName, ruleSetId),
        [RuleTable.Fields.ScoreType] = new OptionSetValue((int)(rule.Factor.KindOf() == ScoreKind.Value ? ScoringRuleScoreType.Value : ScoringRuleScoreType.Risk)),
        [RuleTable.Fields.Factor] = rule.Factor.ToString(),
        [RuleTable.Fields.BandFrom] = band.LowerBound is { } from ? (decimal)from : null,
        [RuleTable.Fields.BandTo] = band.UpperBound is { } to ? (decimal)to : null,
        [RuleTable.Fields.Points] = (decimal)band.Points,
        [RuleTable.Fields.Weight] = Math.Round((decimal)normalizedWeight, 6),
    };

    private static Entity CellRow(Guid ruleSetId, EngineTiers.TierMatrixCell cell, Guid tierId, CreditConfiguration configuration)
    {
        var (valueFrom, valueTo) = ValueRange(cell.ValueBand, configuration.ValueBands);
        var (riskFrom, riskTo) = RiskRange(cell.RiskLevel, configuration.RiskLevels);
        return new Entity(CellTable.EntityLogicalName)
        {
            [CellTable.Fields.Name] = cell.ValueBand + " value / " + cell.RiskLevel + " risk",
            [CellTable.Fields.ScoringRuleSetId] = new EntityReference(RuleSetTable.EntityLogicalName, ruleSetId),
            [CellTable.Fields.ValueFrom] = valueFrom,
            [CellTable.Fields.ValueTo] = valueTo,
            [CellTable.Fields.RiskFrom] = riskFrom,
            [CellTable.Fields.RiskTo] = riskTo,
            [CellTable.Fields.CreditTierId] = new EntityReference(TierTable.EntityLogicalName, tierId),
        };
    }

    private static (decimal From, decimal To) ValueRange(ValueBand band, ValueBandThresholds thresholds) => band switch
    {
        ValueBand.High => ((decimal)thresholds.HighFrom, TopOfScale),
        ValueBand.Medium => ((decimal)thresholds.MediumFrom, (decimal)thresholds.HighFrom),
        _ => (0m, (decimal)thresholds.MediumFrom),
    };

    private static (decimal From, decimal To) RiskRange(EngineTiers.RiskLevel level, RiskLevelThresholds thresholds) => level switch
    {
        EngineTiers.RiskLevel.Severe => ((decimal)thresholds.SevereFrom, TopOfScale),
        EngineTiers.RiskLevel.High => ((decimal)thresholds.HighFrom, (decimal)thresholds.SevereFrom),
        EngineTiers.RiskLevel.Medium => ((decimal)thresholds.MediumFrom, (decimal)thresholds.HighFrom),
        _ => (0m, (decimal)thresholds.MediumFrom),
    };

    private static string BandText(ScoreBand band) =>
        "[" + (band.LowerBound?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-inf") + ", "
        + (band.UpperBound?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "inf") + ")";
}
