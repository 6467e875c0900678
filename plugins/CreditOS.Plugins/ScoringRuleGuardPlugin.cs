using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using RuleTable = CreditOS.Dataverse.Model.ScoringRule;

namespace CreditOS.Plugins;

/// <summary>Refuses a scoring-rule band with an unknown factor, invalid weight or points, or overlapping its factor's other bands. Budget: 1 call.</summary>
[PluginStep(Messages.Create, RuleTable.EntityLogicalName, PipelineStage.PreOperation, CreateStepId, Description = "Validates a new scoring rule band.")]
[PluginStep(Messages.Update, RuleTable.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId, Description = "Validates a changed scoring rule band.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, Columns)]
public sealed class ScoringRuleGuardPlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6021";
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6022";
    public const string PreImageAlias = "PreImage";
    public const string Columns =
        RuleTable.Fields.Name + "," + RuleTable.Fields.ScoringRuleSetId + "," + RuleTable.Fields.Factor + "," + RuleTable.Fields.BandFrom + ","
        + RuleTable.Fields.BandTo + "," + RuleTable.Fields.Points + "," + RuleTable.Fields.Weight;

    public ScoringRuleGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        ConfigurationGuards.GuardScoringRule(context.SystemService, ConfigurationGuards.Merge(context.TargetEntity, context.TryGetPreImage(PreImageAlias, out var before) ? before : null));
}
