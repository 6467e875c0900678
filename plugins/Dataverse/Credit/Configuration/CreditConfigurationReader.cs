using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Configuration;
using CreditOS.CreditEngine.Policies;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;
using TierTable = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Dataverse.Credit.Configuration;

/// <summary>
/// Reads the credit configuration administrators keep in Dataverse: active policies, tiers with their tier matrix
/// cells (joined into the tier query) and scoring rules (three queries; without rule rows the shipped rule sets apply,
/// without matrix cells the shipped tier matrix). The starter thresholds are the starter tier row's columns; the limit
/// formula, limit-change review and alert thresholds the policy rows'; each rule set's evidence settings (recency
/// weights, prior) its own row's; risk-level and value-band thresholds, revenue references and suspension rules the
/// default rule set's row (<see cref="RuleSetSettingsRecords"/>; an empty column keeps the engine's shipped value).
/// Trusted-channel tolerances are still the engine's (<see cref="DefaultCreditConfiguration"/>). The whole configuration is validated with the engine's validator
/// before use. Tiers and policies are matched by code; the ids are kept to write lookups on the account.
/// </summary>
public static class CreditConfigurationReader
{
    public const int Calls = 3;

    /// <summary>Calls of <see cref="ReadBureauAlertRules"/>.</summary>
    public const int BureauAlertRuleCalls = BureauAlertRuleRecords.Calls;

    /// <summary>
    /// The bureau alert rules administrators keep (cos_bureaualertrule), validated; read only where a bureau report is
    /// evaluated, so rescoring does not pay for them.
    /// </summary>
    public static CreditOS.CreditEngine.Alerts.AlertRules ReadBureauAlertRules(IOrganizationService service) => new(BureauAlertRuleRecords.Read(service));

    /// <summary>Calls of <see cref="ReadApprovalAuthority"/>.</summary>
    public const int ApprovalAuthorityCalls = ApprovalAuthorityRecords.Calls;

    /// <summary>
    /// The approver's approval authority in base currency from the matrix administrators keep (cos_approvalauthority),
    /// or null when no row applies to them; read only where a decision is taken.
    /// </summary>
    public static decimal? ReadApprovalAuthority(IOrganizationService service, Guid approverId) =>
        CreditOS.CreditEngine.Approvals.ApprovalAuthorityRules.Of(ApprovalAuthorityRecords.Read(service, approverId));

    /// <summary>Calls of <see cref="ReadFourEyes"/>.</summary>
    public const int FourEyesCalls = 1;

    /// <summary>
    /// Whether configuration changes need a second person (environment variable <c>cos_ConfigurationFourEyes</c>, the
    /// engine's <see cref="ConfigurationFourEyes"/>: on unless it says no); read only where a person changes a rule set.
    /// </summary>
    public static bool ReadFourEyes(IOrganizationService service)
    {
        var values = EnvironmentVariableReader.Read(service, ConfigurationFourEyes.SettingName);
        try
        {
            return ConfigurationFourEyes.IsOn(values.TryGetValue(ConfigurationFourEyes.SettingName, out var text) ? text : null);
        }
        catch (CreditInputException invalid)
        {
            throw new InvalidPluginExecutionException(invalid.Message, invalid);
        }
    }

    /// <summary>Calls of <see cref="ReadScoring"/>.</summary>
    public const int ScoringCalls = 1;

    /// <summary>
    /// Controls round 26: what a customer's segment picks in its scoring, the active rule sets and the default version's
    /// portfolio settings (the segments' revenue references among them), over the shipped configuration, without tiers
    /// and policies: one query (<see cref="ScoringCalls"/>). For judging a classification, not for scoring.
    /// </summary>
    public static CreditConfiguration ReadScoring(IOrganizationService service) =>
        WithScoring(DefaultCreditConfiguration.Create(), ScoringRuleRecords.Read(service));

    /// <summary>The shipped configuration with the active rule sets and the default version's portfolio settings (none: the shipped ones).</summary>
    private static CreditConfiguration WithScoring(CreditConfiguration shipped, ScoringRuleRecords.ScoringRecords? scoring)
    {
        try
        {
            var withSettings = scoring is null ? shipped : RuleSetSettingsRecords.ApplyPortfolioSettings(shipped, scoring.DefaultRuleSetSettings);
            return withSettings with { RuleSets = scoring?.RuleSets ?? shipped.RuleSets };
        }
        catch (CreditInputException invalid)
        {
            throw new InvalidPluginExecutionException("The credit configuration is not valid: " + invalid.Message, invalid);
        }
    }

    public static ConfiguredCredit Read(IOrganizationService service, ITracingService tracing)
    {
        var shipped = DefaultCreditConfiguration.Create();
        var policyRows = ActiveRows(service, PolicyTable.EntityLogicalName, PolicyTable.Fields.StateCode, (int)CreditPolicyState.Active, PolicyColumns);
        var tierRowsWithCells = ActiveRows(service, TierTable.EntityLogicalName, TierTable.Fields.StateCode, (int)CreditTierState.Active, TierColumns, TierMatrixRecords.JoinCells);
        var tierRows = tierRowsWithCells.GroupBy(r => r.Id).Select(g => g.First()).ToList();
        if (policyRows.Count == 0 || tierRows.Count == 0)
        {
            throw new InvalidPluginExecutionException(
                "No credit tiers or policies are configured in this environment; import the creditOS configuration data before scoring customers.");
        }

        var policyIds = policyRows.ToDictionary(r => r.Id, r => r.GetAttributeValue<string>(PolicyTable.Fields.Code) ?? string.Empty);
        var policies = policyRows.Select(CreditConfigurationRecords.ToPolicy).ToList();
        var tiers = tierRows.Select(row => CreditConfigurationRecords.ToTier(
            row,
            row.GetAttributeValue<EntityReference>(TierTable.Fields.CreditPolicyId) is { } policy && policyIds.TryGetValue(policy.Id, out var code) ? code : string.Empty)).ToList();
        var starter = tierRows.FirstOrDefault(r => r.GetAttributeValue<bool>(TierTable.Fields.IsStarter));
        var starterTerms = starter is null
            ? shipped.StarterTerms
            : CreditConfigurationRecords.ToStarterTerms(starter, tiers.First(t => t.Code == starter.GetAttributeValue<string>(TierTable.Fields.Code)).PolicyCode, shipped.StarterTerms);

        var withSettings = WithScoring(shipped, ScoringRuleRecords.Read(service));
        var matrix = TierMatrixRecords.ToMatrix(tierRowsWithCells, withSettings.ValueBands, withSettings.RiskLevels);
        if (matrix.Count == 0)
        {
            tracing.Trace("No active tier matrix cells are configured; the shipped tier matrix applies.");
            matrix = shipped.TierMatrix;
        }

        var configuration = withSettings with { Policies = policies, Tiers = tiers, StarterTerms = starterTerms, TierMatrix = matrix };
        try
        {
            CreditConfigurationValidator.EnsureValid(configuration);
        }
        catch (CreditInputException invalid)
        {
            throw new InvalidPluginExecutionException("The credit configuration is not valid: " + invalid.Message, invalid);
        }

        return new ConfiguredCredit(
            configuration,
            tierRows.ToDictionary(r => r.GetAttributeValue<string>(TierTable.Fields.Code) ?? string.Empty, r => r.Id, StringComparer.Ordinal),
            policyIds.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal));
    }

    private static readonly string[] PolicyColumns =
    [
        PolicyTable.Fields.Code, PolicyTable.Fields.Name, PolicyTable.Fields.BaseLimit, PolicyTable.Fields.LimitHeadroom, PolicyTable.Fields.OrderToInvoiceDays, PolicyTable.Fields.OverdueAlertAmount,
        PolicyTable.Fields.LimitCutReviewShare, PolicyTable.Fields.LimitStepDown, PolicyTable.Fields.LimitIncreaseReviewAbove, PolicyTable.Fields.HardCap,
        PolicyTable.Fields.PaymentTermsDays, PolicyTable.Fields.EarlyPaymentDiscount, PolicyTable.Fields.EarlyPaymentDays, PolicyTable.Fields.GraceDays,
        PolicyTable.Fields.RequiresApproval, PolicyTable.Fields.BlockAboveUtilization, PolicyTable.Fields.IsPrepay,
        PolicyTable.Fields.AlertThresholdWarning, PolicyTable.Fields.AlertThresholdCritical,
        PolicyTable.Fields.TrustedChannel, PolicyTable.Fields.TrustedMaxOrderAmount, PolicyTable.Fields.TrustedMaxExcessOverLimit, PolicyTable.Fields.TrustedOverdueTolerance, PolicyTable.Fields.TrustedOverdueToleranceDays,
        PolicyTable.Fields.OverdueToleranceAmount, PolicyTable.Fields.OverdueTolerancePercent, PolicyTable.Fields.OverdueToleranceDays,
    ];

    private static readonly string[] TierColumns =
    [
        TierTable.Fields.Code, TierTable.Fields.Name, TierTable.Fields.Rank, TierTable.Fields.CreditPolicyId, TierTable.Fields.IsStarter,
        TierTable.Fields.StarterMinimumOrders, TierTable.Fields.StarterMinimumMonths, TierTable.Fields.StarterRequireBoth,
    ];

    private static List<Entity> ActiveRows(IOrganizationService service, string table, string stateColumn, int activeState, string[] columns, Action<QueryExpression>? join = null)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns) };
        query.Criteria.AddCondition(stateColumn, ConditionOperator.Equal, activeState);
        join?.Invoke(query);
        return service.RetrieveMultiple(query).Entities.ToList();
    }
}

/// <summary>The configuration in force and the ids of its tier and policy rows by code.</summary>
public sealed class ConfiguredCredit(CreditConfiguration configuration, IReadOnlyDictionary<string, Guid> tierIds, IReadOnlyDictionary<string, Guid> policyIds)
{
    public CreditConfiguration Configuration { get; } = configuration;

    public Guid? TierId(string code) => tierIds.TryGetValue(code, out var id) ? id : null;

    public Guid? PolicyId(string code) => policyIds.TryGetValue(code, out var id) ? id : null;
}
