using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Limits;
using CreditOS.CreditEngine.Policies;
using CreditOS.CreditEngine.Scoring;
using CreditOS.CreditEngine.Tiers;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using EnginePolicy = CreditOS.CreditEngine.Policies.CreditPolicy;
using EngineTier = CreditOS.CreditEngine.Tiers.CreditTier;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;
using TierTable = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Maps between configuration rows (cos_creditpolicy, cos_credittier) and the engine's configuration types, both ways:
/// rows → engine to score with what administrators configured, engine → rows to seed an environment with the shipped
/// defaults (the local run, tests, the demo) or to import a calibrated rule-set version. The one engine → rows mapping:
/// rule sets here, their bands in <see cref="ScoringRuleRecords"/>, matrix cells in <see cref="TierMatrixRecords"/>,
/// rule-set settings in <see cref="RuleSetSettingsRecords"/>. Percentages are stored as administrators read them (80 = 80%).
/// </summary>
public static class CreditConfigurationRecords
{
    private const double PercentScale = 100d;

    public static EnginePolicy ToPolicy(Entity row) => new()
    {
        Code = row.GetAttributeValue<string>(PolicyTable.Fields.Code) ?? string.Empty,
        Name = row.GetAttributeValue<string>(PolicyTable.Fields.Name) ?? string.Empty,
        BaseLimit = row.MoneyOrZero(PolicyTable.Fields.BaseLimit),
        LimitHeadroom = row.GetAttributeValue<decimal?>(PolicyTable.Fields.LimitHeadroom) ?? 1m,
        OrderToInvoiceDays = row.GetAttributeValue<int?>(PolicyTable.Fields.OrderToInvoiceDays) ?? EnginePolicy.DefaultOrderToInvoiceDays,
        HardCap = row.MoneyOrZero(PolicyTable.Fields.HardCap),
        PaymentTermsDays = row.GetAttributeValue<int?>(PolicyTable.Fields.PaymentTermsDays) ?? 0,
        EarlyPaymentDiscountPercent = row.GetAttributeValue<decimal?>(PolicyTable.Fields.EarlyPaymentDiscount) ?? 0m,
        EarlyPaymentDiscountDays = row.GetAttributeValue<int?>(PolicyTable.Fields.EarlyPaymentDays) ?? 0,
        GraceDays = row.GetAttributeValue<int?>(PolicyTable.Fields.GraceDays) ?? 0,
        ApprovalRequirement = row.GetAttributeValue<bool>(PolicyTable.Fields.RequiresApproval) ? ApprovalRequirement.EveryOrder : ApprovalRequirement.OverLimitOnly,
        BlockAboveUtilization = row.GetAttributeValue<decimal?>(PolicyTable.Fields.BlockAboveUtilization) is { } block ? (double)block : null,
        RequiresPrepayment = row.GetAttributeValue<bool>(PolicyTable.Fields.IsPrepay),
        WarningUtilization = Share(row, PolicyTable.Fields.AlertThresholdWarning, EnginePolicy.DefaultWarningUtilization),
        CriticalUtilization = Share(row, PolicyTable.Fields.AlertThresholdCritical, EnginePolicy.DefaultCriticalUtilization),
        OverdueAlertAmount = row.MoneyOrZero(PolicyTable.Fields.OverdueAlertAmount),
        TrustedChannel = TrustedChannelColumns.Read(column => row.Contains(column) ? row[column] : null),
        OverdueTolerance = OverdueToleranceColumns.Read(column => row.Contains(column) ? row[column] : null),
        LimitChanges = new LimitChangeRules
        {
            MaximumCutShare = row.GetAttributeValue<decimal?>(PolicyTable.Fields.LimitCutReviewShare) ?? LimitChangeRules.DefaultMaximumCutShare,
            StepDownGradually = row.GetAttributeValue<bool>(PolicyTable.Fields.LimitStepDown),
            IncreaseReviewAbove = row.MoneyOrNull(PolicyTable.Fields.LimitIncreaseReviewAbove),
        },
    };

    public static Entity FromPolicy(EnginePolicy policy, Guid id)
    {
        var row = new Entity(PolicyTable.EntityLogicalName, id)
        {
            [PolicyTable.Fields.Code] = policy.Code,
            [PolicyTable.Fields.Name] = policy.Name,
            [PolicyTable.Fields.BaseLimit] = new Money(policy.BaseLimit),
            [PolicyTable.Fields.LimitHeadroom] = policy.LimitHeadroom,
            [PolicyTable.Fields.OrderToInvoiceDays] = policy.OrderToInvoiceDays,
            [PolicyTable.Fields.HardCap] = new Money(policy.HardCap),
            [PolicyTable.Fields.PaymentTermsDays] = policy.PaymentTermsDays,
            [PolicyTable.Fields.EarlyPaymentDiscount] = policy.EarlyPaymentDiscountPercent,
            [PolicyTable.Fields.EarlyPaymentDays] = policy.EarlyPaymentDiscountDays,
            [PolicyTable.Fields.GraceDays] = policy.GraceDays,
            [PolicyTable.Fields.RequiresApproval] = policy.ApprovalRequirement == ApprovalRequirement.EveryOrder,
            [PolicyTable.Fields.IsPrepay] = policy.RequiresPrepayment,
            [PolicyTable.Fields.AlertThresholdWarning] = (decimal)(policy.WarningUtilization * PercentScale),
            [PolicyTable.Fields.AlertThresholdCritical] = (decimal)(policy.CriticalUtilization * PercentScale),
            [PolicyTable.Fields.OverdueAlertAmount] = new Money(policy.OverdueAlertAmount),
            [PolicyTable.Fields.LimitCutReviewShare] = policy.LimitChanges.MaximumCutShare,
            [PolicyTable.Fields.LimitStepDown] = policy.LimitChanges.StepDownGradually,
            [PolicyTable.Fields.Description] = policy.TermsText,
        };
        if (policy.LimitChanges.IncreaseReviewAbove is { } increaseAbove)
        {
            row[PolicyTable.Fields.LimitIncreaseReviewAbove] = new Money(increaseAbove);
        }

        if (policy.BlockAboveUtilization is { } block)
        {
            row[PolicyTable.Fields.BlockAboveUtilization] = (decimal)block;
        }

        TrustedChannelColumns.Write(row, policy.TrustedChannel);
        OverdueToleranceColumns.Write(row, policy.OverdueTolerance);
        return row;
    }

    /// <summary>A tier row; the policy code comes from the policy lookup (resolved by the caller from the policies read).</summary>
    public static EngineTier ToTier(Entity row, string policyCode) => new(
        row.GetAttributeValue<string>(TierTable.Fields.Code) ?? string.Empty,
        row.GetAttributeValue<string>(TierTable.Fields.Name) ?? string.Empty,
        row.GetAttributeValue<int?>(TierTable.Fields.Rank) ?? 0,
        policyCode);

    public static Entity FromTier(EngineTier tier, Guid id, Guid policyId, StarterTermsRule? starterTerms)
    {
        var row = new Entity(TierTable.EntityLogicalName, id)
        {
            [TierTable.Fields.Code] = tier.Code,
            [TierTable.Fields.Name] = tier.Name,
            [TierTable.Fields.Rank] = tier.Rank,
            [TierTable.Fields.CreditPolicyId] = new EntityReference(PolicyTable.EntityLogicalName, policyId),
            [TierTable.Fields.IsStarter] = starterTerms is not null,
        };
        if (starterTerms is not null)
        {
            row[TierTable.Fields.StarterMinimumOrders] = starterTerms.MinimumCompletedOrders;
            row[TierTable.Fields.StarterMinimumMonths] = starterTerms.MinimumMonthsOfHistory;
            row[TierTable.Fields.StarterRequireBoth] = starterTerms.RequireBoth;
        }

        return row;
    }

    /// <summary>
    /// The starter rule from the starter tier row (<c>cos_isstarter</c>): its threshold columns, each falling back to
    /// <paramref name="shipped"/> when empty; the tier's policy is the starter policy.
    /// </summary>
    public static StarterTermsRule ToStarterTerms(Entity starterTier, string policyCode, StarterTermsRule shipped) => new(
        starterTier.GetAttributeValue<int?>(TierTable.Fields.StarterMinimumOrders) ?? shipped.MinimumCompletedOrders,
        starterTier.GetAttributeValue<int?>(TierTable.Fields.StarterMinimumMonths) ?? shipped.MinimumMonthsOfHistory,
        starterTier.GetAttributeValue<bool?>(TierTable.Fields.StarterRequireBoth) ?? shipped.RequireBoth,
        starterTier.GetAttributeValue<string>(TierTable.Fields.Code) ?? string.Empty,
        policyCode);

    /// <summary>Rows for a configuration's policies and tiers; <paramref name="policyId"/> and <paramref name="tierId"/> must give the same id for the same code.</summary>
    public static IEnumerable<Entity> SeedRows(CreditConfiguration configuration, Func<string, Guid> policyId, Func<string, Guid> tierId)
    {
        foreach (var policy in configuration.Policies)
        {
            yield return FromPolicy(policy, policyId(policy.Code));
        }

        foreach (var tier in configuration.Tiers)
        {
            yield return FromTier(tier, tierId(tier.Code), policyId(tier.PolicyCode), tier.Code == configuration.StarterTerms.TierCode ? configuration.StarterTerms : null);
        }
    }

    /// <summary>
    /// The scoring rows of a configuration: its default rule set (with its evidence settings and the portfolio-wide
    /// thresholds, revenue references and suspension rules), one <c>cos_scoringrule</c> row per factor band, and the
    /// tier matrix as value/risk ranges of that rule set. Create them after the policies and tiers of
    /// <see cref="SeedRows(CreditConfiguration, Func{string, Guid}, Func{string, Guid})"/>, in the order given.
    /// </summary>
    public static IEnumerable<Entity> SeedScoringRows(CreditConfiguration configuration, Guid ruleSetId, Func<string, Guid> tierId, DateTime effectiveFrom)
    {
        var ruleSet = configuration.RuleSets.Single(r => r.IsDefault);
        yield return FromRuleSet(ruleSet, ruleSetId, effectiveFrom, configuration, "Shipped with creditOS: the credit engine's default rule set.");
        foreach (var rule in ScoringRuleRecords.FromRuleSet(ruleSet, ruleSetId))
        {
            yield return rule;
        }

        foreach (var cell in configuration.TierMatrix)
        {
            yield return TierMatrixRecords.FromCell(cell, ruleSetId, tierId(cell.TierCode), configuration.ValueBands, configuration.RiskLevels);
        }
    }

    /// <summary>
    /// A rule-set row (default rule set when it has no customer group or industry); <paramref name="portfolioSettings"/>
    /// adds the portfolio-wide settings a default rule set carries (see <see cref="RuleSetSettingsRecords"/>).
    /// </summary>
    public static Entity FromRuleSet(CreditOS.CreditEngine.Scoring.ScoringRuleSet ruleSet, Guid id, DateTime? effectiveFrom, CreditConfiguration? portfolioSettings, string? description)
    {
        var row = new Entity(Model.ScoringRuleSet.EntityLogicalName, id)
        {
            [Model.ScoringRuleSet.Fields.Name] = ruleSet.Name,
            [Model.ScoringRuleSet.Fields.Version] = ruleSet.Version,
            [Model.ScoringRuleSet.Fields.IsDefault] = ruleSet.IsDefault,
        };
        if (effectiveFrom is { } from)
        {
            row[Model.ScoringRuleSet.Fields.EffectiveFrom] = from;
        }

        if (description is not null)
        {
            row[Model.ScoringRuleSet.Fields.Description] = description;
        }

        if (!string.IsNullOrEmpty(ruleSet.IndustryVertical))
        {
            row[Model.ScoringRuleSet.Fields.IndustryVertical] = ruleSet.IndustryVertical;
        }

        RuleSetSettingsRecords.Write(row, ruleSet, ruleSet.IsDefault ? portfolioSettings : null);
        return row;
    }

    private static double Share(Entity row, string column, double fallback) =>
        row.GetAttributeValue<decimal?>(column) is { } percent ? (double)percent / PercentScale : fallback;
}
