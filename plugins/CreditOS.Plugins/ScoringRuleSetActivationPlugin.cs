using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using RuleSetTable = CreditOS.Dataverse.Model.ScoringRuleSet;

namespace CreditOS.Plugins;

/// <summary>
/// Activating a scoring rule set checks the whole configuration with the new version in it (post-operation,
/// synchronous: inside the activation's transaction, so a refusal leaves the set inactive). Budget: 3 calls on
/// activation (the configuration reader), 0 otherwise.
/// </summary>
[PluginStep(Messages.Update, RuleSetTable.EntityLogicalName, PipelineStage.PostOperation, StepId,
    FilteringAttributes = RuleSetTable.Fields.StateCode, Description = "A scoring rule set is activated only into a valid configuration.")]
[PluginImage(StepId, ImageType.PostImage, PostImageAlias, RuleSetTable.Fields.Name + "," + RuleSetTable.Fields.Version + "," + RuleSetTable.Fields.StateCode)]
public sealed class ScoringRuleSetActivationPlugin : PluginBase
{
    public const string StepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a6051";
    public const string PostImageAlias = "PostImage";

    public ScoringRuleSetActivationPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var after = context.GetPostImage(PostImageAlias);
        if (context.TargetEntity.GetAttributeValue<Microsoft.Xrm.Sdk.OptionSetValue>(RuleSetTable.Fields.StateCode)?.Value != (int)ScoringRuleSetState.Active)
        {
            return;
        }

        ConfigurationGuards.GuardRuleSetActivation(
            context.SystemService,
            context.TracingService,
            after.GetAttributeValue<string>(RuleSetTable.Fields.Name),
            after.GetAttributeValue<object>(RuleSetTable.Fields.Version)?.ToString());
    }
}
