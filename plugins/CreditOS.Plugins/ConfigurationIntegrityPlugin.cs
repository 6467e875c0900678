using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using CellTable = CreditOS.Dataverse.Model.TierMatrixCell;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;
using RuleTable = CreditOS.Dataverse.Model.ScoringRule;
using TierTable = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Plugins;

/// <summary>
/// A change or deletion of a configuration row (policy, tier, scoring rule, tier matrix cell, rule set) that would
/// leave the configuration in force invalid is refused with the reason: post-operation, synchronous, so the
/// configuration reader and the engine's validator run on the would-be configuration inside the save's transaction
/// and a refusal rolls the save back. Budget: 3 calls (the reader's aggregates). Creation is left to the row guards
/// and to rule-set activation (a configuration is built row by row when an environment is set up, and a new
/// rule-set version is checked as a whole when it is activated, by <see cref="ScoringRuleSetActivationPlugin"/>, so
/// an activation is not checked twice here).
/// </summary>
[PluginStep(Messages.Update, PolicyTable.EntityLogicalName, PipelineStage.PostOperation, PolicyUpdateStepId, Description = "A policy change keeps the credit configuration valid.")]
[PluginStep(Messages.Delete, PolicyTable.EntityLogicalName, PipelineStage.PostOperation, PolicyDeleteStepId, Description = "A policy deletion keeps the credit configuration valid.")]
[PluginStep(Messages.Update, TierTable.EntityLogicalName, PipelineStage.PostOperation, TierUpdateStepId, Description = "A tier change keeps the credit configuration valid.")]
[PluginStep(Messages.Delete, TierTable.EntityLogicalName, PipelineStage.PostOperation, TierDeleteStepId, Description = "A tier deletion keeps the credit configuration valid.")]
[PluginStep(Messages.Update, RuleTable.EntityLogicalName, PipelineStage.PostOperation, RuleUpdateStepId, Description = "A scoring rule change keeps the credit configuration valid.")]
[PluginStep(Messages.Delete, RuleTable.EntityLogicalName, PipelineStage.PostOperation, RuleDeleteStepId, Description = "A scoring rule deletion keeps the credit configuration valid.")]
[PluginStep(Messages.Update, CellTable.EntityLogicalName, PipelineStage.PostOperation, CellUpdateStepId, Description = "A tier matrix cell change keeps the credit configuration valid.")]
[PluginStep(Messages.Delete, CellTable.EntityLogicalName, PipelineStage.PostOperation, CellDeleteStepId, Description = "A tier matrix cell deletion keeps the credit configuration valid.")]
[PluginStep(Messages.Update, RuleSetTable.EntityLogicalName, PipelineStage.PostOperation, RuleSetUpdateStepId, Description = "A rule set change keeps the credit configuration valid.")]
[PluginStep(Messages.Delete, RuleSetTable.EntityLogicalName, PipelineStage.PostOperation, RuleSetDeleteStepId, Description = "A rule set deletion keeps the credit configuration valid.")]
public sealed class ConfigurationIntegrityPlugin : PluginBase
{
    public const string PolicyUpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6101";
    public const string PolicyDeleteStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6102";
    public const string TierUpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6103";
    public const string TierDeleteStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6104";
    public const string RuleUpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6105";
    public const string RuleDeleteStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6106";
    public const string CellUpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6107";
    public const string CellDeleteStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6108";
    public const string RuleSetUpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6109";
    public const string RuleSetDeleteStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6110";

    public ConfigurationIntegrityPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        if (context.PrimaryEntityName == RuleSetTable.EntityLogicalName && context.TryGetTargetEntity(out var ruleSet)
            && ruleSet.GetAttributeValue<Microsoft.Xrm.Sdk.OptionSetValue>(RuleSetTable.Fields.StateCode)?.Value == (int)ScoringRuleSetState.Active)
        {
            return;
        }

        ConfigurationGuards.GuardConfigurationStaysValid(context.SystemService, context.TracingService, context.PrimaryEntityName, context.MessageName);
    }
}
