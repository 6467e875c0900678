using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;
using TierTable = CreditOS.Dataverse.Model.CreditTier;
using CellTable = CreditOS.Dataverse.Model.TierMatrixCell;
using RuleTable = CreditOS.Dataverse.Model.ScoringRule;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;

namespace CreditOS.Plugins;

/// <summary>
/// The credit configuration is kept by someone who decides no credit approvals (<see cref="ConfigurationKeepers"/>,
/// controls round 10): Create, Update (SetState included) and Delete of credit policies, tiers, tier matrix cells, scoring
/// rules and rule sets, at pre-validation, so nothing is written. Budget: <see cref="ConfigurationKeepers.MaximumCalls"/>
/// (who SYSTEM is, once per organization; the approver directory).
/// </summary>
[PluginStep(Messages.Create, PolicyTable.EntityLogicalName, PipelineStage.PreValidation, CreditPolicyCreateStepId,
    Description = "Credit policies are created only by someone who decides no credit approvals.")]
[PluginStep(Messages.Update, PolicyTable.EntityLogicalName, PipelineStage.PreValidation, CreditPolicyUpdateStepId,
    Description = "Credit policies are changed only by someone who decides no credit approvals.")]
[PluginImage(CreditPolicyUpdateStepId, ImageType.PreImage, PreImageAlias, PolicyTable.PrimaryNameAttribute)]
[PluginStep(Messages.Delete, PolicyTable.EntityLogicalName, PipelineStage.PreValidation, CreditPolicyDeleteStepId,
    Description = "Credit policies are deleted only by someone who decides no credit approvals.")]
[PluginImage(CreditPolicyDeleteStepId, ImageType.PreImage, PreImageAlias, PolicyTable.PrimaryNameAttribute)]
[PluginStep(Messages.Create, TierTable.EntityLogicalName, PipelineStage.PreValidation, CreditTierCreateStepId,
    Description = "Credit tiers are created only by someone who decides no credit approvals.")]
[PluginStep(Messages.Update, TierTable.EntityLogicalName, PipelineStage.PreValidation, CreditTierUpdateStepId,
    Description = "Credit tiers are changed only by someone who decides no credit approvals.")]
[PluginImage(CreditTierUpdateStepId, ImageType.PreImage, PreImageAlias, TierTable.PrimaryNameAttribute)]
[PluginStep(Messages.Delete, TierTable.EntityLogicalName, PipelineStage.PreValidation, CreditTierDeleteStepId,
    Description = "Credit tiers are deleted only by someone who decides no credit approvals.")]
[PluginImage(CreditTierDeleteStepId, ImageType.PreImage, PreImageAlias, TierTable.PrimaryNameAttribute)]
[PluginStep(Messages.Create, CellTable.EntityLogicalName, PipelineStage.PreValidation, TierMatrixCellCreateStepId,
    Description = "Tier matrix cells are created only by someone who decides no credit approvals.")]
[PluginStep(Messages.Update, CellTable.EntityLogicalName, PipelineStage.PreValidation, TierMatrixCellUpdateStepId,
    Description = "Tier matrix cells are changed only by someone who decides no credit approvals.")]
[PluginImage(TierMatrixCellUpdateStepId, ImageType.PreImage, PreImageAlias, CellTable.PrimaryNameAttribute)]
[PluginStep(Messages.Delete, CellTable.EntityLogicalName, PipelineStage.PreValidation, TierMatrixCellDeleteStepId,
    Description = "Tier matrix cells are deleted only by someone who decides no credit approvals.")]
[PluginImage(TierMatrixCellDeleteStepId, ImageType.PreImage, PreImageAlias, CellTable.PrimaryNameAttribute)]
[PluginStep(Messages.Create, RuleTable.EntityLogicalName, PipelineStage.PreValidation, ScoringRuleCreateStepId,
    Description = "Scoring rules are created only by someone who decides no credit approvals.")]
[PluginStep(Messages.Update, RuleTable.EntityLogicalName, PipelineStage.PreValidation, ScoringRuleUpdateStepId,
    Description = "Scoring rules are changed only by someone who decides no credit approvals.")]
[PluginImage(ScoringRuleUpdateStepId, ImageType.PreImage, PreImageAlias, RuleTable.PrimaryNameAttribute)]
[PluginStep(Messages.Delete, RuleTable.EntityLogicalName, PipelineStage.PreValidation, ScoringRuleDeleteStepId,
    Description = "Scoring rules are deleted only by someone who decides no credit approvals.")]
[PluginImage(ScoringRuleDeleteStepId, ImageType.PreImage, PreImageAlias, RuleTable.PrimaryNameAttribute)]
[PluginStep(Messages.Create, RuleSetTable.EntityLogicalName, PipelineStage.PreValidation, ScoringRuleSetCreateStepId,
    Description = "Scoring rule sets are created only by someone who decides no credit approvals.")]
[PluginStep(Messages.Update, RuleSetTable.EntityLogicalName, PipelineStage.PreValidation, ScoringRuleSetUpdateStepId,
    Description = "Scoring rule sets are changed only by someone who decides no credit approvals.")]
[PluginImage(ScoringRuleSetUpdateStepId, ImageType.PreImage, PreImageAlias, RuleSetTable.PrimaryNameAttribute)]
[PluginStep(Messages.Delete, RuleSetTable.EntityLogicalName, PipelineStage.PreValidation, ScoringRuleSetDeleteStepId,
    Description = "Scoring rule sets are deleted only by someone who decides no credit approvals.")]
[PluginImage(ScoringRuleSetDeleteStepId, ImageType.PreImage, PreImageAlias, RuleSetTable.PrimaryNameAttribute)]
public sealed class ConfigurationKeeperGuardPlugin : PluginBase
{
    public const string CreditPolicyCreateStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b001";
    public const string CreditPolicyUpdateStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b002";
    public const string CreditPolicyDeleteStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b003";
    public const string CreditTierCreateStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b004";
    public const string CreditTierUpdateStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b005";
    public const string CreditTierDeleteStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b006";
    public const string TierMatrixCellCreateStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b007";
    public const string TierMatrixCellUpdateStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b008";
    public const string TierMatrixCellDeleteStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b009";
    public const string ScoringRuleCreateStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b00a";
    public const string ScoringRuleUpdateStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b00b";
    public const string ScoringRuleDeleteStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b00c";
    public const string ScoringRuleSetCreateStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b00d";
    public const string ScoringRuleSetUpdateStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b00e";
    public const string ScoringRuleSetDeleteStepId = "5e0c7a92-3b1d-4f68-a2c4-9d7e1f30b00f";
    public const string PreImageAlias = "PreImage";

    public ConfigurationKeeperGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var name = context.TextAfterWrite(PreImageAlias, "cos_name") ?? context.PrimaryEntityId.ToString();
        var change = context.MessageName == Messages.Create ? "create" : context.MessageName == Messages.Delete ? "delete" : "change";
        ConfigurationKeepers.Ensure(
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService),
            () => ApproverDirectory.IsFinanceApprover(context.SystemService, context.UserId),
            Label(context.PrimaryEntityName) + " '" + name + "'",
            change);
    }

    private static string Label(string table) => table switch
    {
        PolicyTable.EntityLogicalName => "credit policy",
        TierTable.EntityLogicalName => "credit tier",
        CellTable.EntityLogicalName => "tier matrix cell",
        RuleTable.EntityLogicalName => "scoring rule",
        RuleSetTable.EntityLogicalName => "scoring rule set",
        _ => table,
    };
}
