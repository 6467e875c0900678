using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using TierTable = CreditOS.Dataverse.Model.CreditTier;

namespace CreditOS.Plugins;

/// <summary>Refuses a tier without a policy, without a valid rank or with a duplicate code. Budget: 1 call.</summary>
[PluginStep(Messages.Create, TierTable.EntityLogicalName, PipelineStage.PreOperation, CreateStepId, Description = "Validates a new credit tier.")]
[PluginStep(Messages.Update, TierTable.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId, Description = "Validates a changed credit tier.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, Columns)]
public sealed class CreditTierGuardPlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6011";
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6012";
    public const string PreImageAlias = "PreImage";
    public const string Columns = TierTable.Fields.Code + "," + TierTable.Fields.Name + "," + TierTable.Fields.Rank + "," + TierTable.Fields.CreditPolicyId;

    public CreditTierGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        ConfigurationGuards.GuardTier(context.SystemService, ConfigurationGuards.Merge(context.TargetEntity, context.TryGetPreImage(PreImageAlias, out var before) ? before : null));
}
