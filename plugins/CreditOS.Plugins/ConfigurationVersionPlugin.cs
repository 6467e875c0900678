using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using CellTable = CreditOS.Dataverse.Model.TierMatrixCell;
using CollectorRuleTable = CreditOS.Dataverse.Model.CollectorAssignmentRule;
using ConditionTable = CreditOS.Dataverse.Model.MonitorCondition;
using DunningStepTable = CreditOS.Dataverse.Model.DunningStep;
using PolicyTable = CreditOS.Dataverse.Model.CreditPolicy;
using RouteTable = CreditOS.Dataverse.Model.ApprovalRouting;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;
using RuleTable = CreditOS.Dataverse.Model.ScoringRule;
using TierTable = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Plugins;

/// <summary>
/// Every change of a configuration row (create, update, activation or deactivation, delete of a policy, tier, scoring
/// rule, tier matrix cell or rule set) gives the configuration's version stamp a new value in the change's own
/// transaction (post-operation, synchronous): the cached configuration the payment posting scores with
/// (<see cref="CreditConfigurationCache"/>) is read again from the moment the change commits, and a change refused by
/// the guards or the integrity check rolls its stamp back with it. Budget: <see cref="ConfigurationVersion.BumpCalls"/>.
/// Session 29: also every change of the collections configuration the nightly page keeps under the stamp
/// (<c>CollectionsConfigurationCache</c>): monitor conditions, dunning steps and collector assignment rules.
/// Session 32: also every change of an approval route (the page keeps the active routes under the stamp,
/// <c>ApprovalRoute.ActiveUnderStamp</c>) and an update or deletion of the seal key row (the page keeps the key it read under the
/// stamp, <c>SealKey.ForSealing</c>; a rotation deletes the row). The key's creation needs no step: a missing key is never kept,
/// and the row's id is fixed, so a created key cannot stand beside a kept one.
/// </summary>
[PluginStep(Messages.Create, PolicyTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6201", Description = "A new policy gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Update, PolicyTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6202", Description = "A policy change gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Delete, PolicyTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6203", Description = "A policy deletion gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Create, TierTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6204", Description = "A new tier gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Update, TierTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6205", Description = "A tier change gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Delete, TierTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6206", Description = "A tier deletion gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Create, RuleTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6207", Description = "A new scoring rule gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Update, RuleTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6208", Description = "A scoring rule change gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Delete, RuleTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6209", Description = "A scoring rule deletion gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Create, CellTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6210", Description = "A new tier matrix cell gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Update, CellTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6211", Description = "A tier matrix cell change gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Delete, CellTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6212", Description = "A tier matrix cell deletion gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Create, RuleSetTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6213", Description = "A new rule set gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Update, RuleSetTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6214", Description = "A rule set change or activation gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Delete, RuleSetTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6215", Description = "A rule set deletion gives the credit configuration a new version stamp.")]
[PluginStep(Messages.Create, ConditionTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6216", Description = "A new monitor condition gives the configuration a new version stamp (the nightly page keeps the collections configuration under it).")]
[PluginStep(Messages.Update, ConditionTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6217", Description = "A monitor condition change gives the configuration a new version stamp (the nightly page keeps the collections configuration under it).")]
[PluginStep(Messages.Delete, ConditionTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6218", Description = "A monitor condition deletion gives the configuration a new version stamp (the nightly page keeps the collections configuration under it).")]
[PluginStep(Messages.Create, DunningStepTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6219", Description = "A new dunning step gives the configuration a new version stamp (the nightly page keeps the collections configuration under it).")]
[PluginStep(Messages.Update, DunningStepTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6220", Description = "A dunning step change gives the configuration a new version stamp (the nightly page keeps the collections configuration under it).")]
[PluginStep(Messages.Delete, DunningStepTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6221", Description = "A dunning step deletion gives the configuration a new version stamp (the nightly page keeps the collections configuration under it).")]
[PluginStep(Messages.Create, CollectorRuleTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6222", Description = "A new collector assignment rule gives the configuration a new version stamp (the nightly page keeps the collections configuration under it).")]
[PluginStep(Messages.Update, CollectorRuleTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6223", Description = "A collector assignment rule change gives the configuration a new version stamp (the nightly page keeps the collections configuration under it).")]
[PluginStep(Messages.Delete, CollectorRuleTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6224", Description = "A collector assignment rule deletion gives the configuration a new version stamp (the nightly page keeps the collections configuration under it).")]
[PluginStep(Messages.Create, RouteTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6225", Description = "A new approval route gives the configuration a new version stamp (the nightly page keeps the active routes under it).")]
[PluginStep(Messages.Update, RouteTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6226", Description = "An approval route change or (de)activation gives the configuration a new version stamp (the nightly page keeps the active routes under it).")]
[PluginStep(Messages.Delete, RouteTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6227", Description = "An approval route deletion gives the configuration a new version stamp (the nightly page keeps the active routes under it).")]
[PluginStep(Messages.Update, SealKeyTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6228", Description = "A change of the seal key gives the configuration a new version stamp (the nightly page keeps the key under it).")]
[PluginStep(Messages.Delete, SealKeyTable.EntityLogicalName, PipelineStage.PostOperation, "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6229", Description = "A deleted seal key (a rotation) gives the configuration a new version stamp (the nightly page keeps the key under it).")]
public sealed class ConfigurationVersionPlugin : PluginBase
{
    public ConfigurationVersionPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) => ConfigurationVersion.Bump(context.SystemService, context.TracingService);
}
