using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>Refuses a tier-matrix cell with invalid score ranges, without a tier, or overlapping another cell. Budget: 1 call.</summary>
[PluginStep(Messages.Create, TierMatrixCell.EntityLogicalName, PipelineStage.PreOperation, CreateStepId, Description = "Validates a new tier matrix cell.")]
[PluginStep(Messages.Update, TierMatrixCell.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId, Description = "Validates a changed tier matrix cell.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, Columns)]
public sealed class TierMatrixCellGuardPlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6031";
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6032";
    public const string PreImageAlias = "PreImage";
    public const string Columns =
        TierMatrixCell.Fields.Name + "," + TierMatrixCell.Fields.ScoringRuleSetId + "," + TierMatrixCell.Fields.ValueFrom + "," + TierMatrixCell.Fields.ValueTo + ","
        + TierMatrixCell.Fields.RiskFrom + "," + TierMatrixCell.Fields.RiskTo + "," + TierMatrixCell.Fields.CreditTierId;

    public TierMatrixCellGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        ConfigurationGuards.GuardTierMatrixCell(context.SystemService, ConfigurationGuards.Merge(context.TargetEntity, context.TryGetPreImage(PreImageAlias, out var before) ? before : null));
}
