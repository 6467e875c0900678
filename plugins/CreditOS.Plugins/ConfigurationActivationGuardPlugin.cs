using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using Microsoft.Xrm.Sdk;
using Activation = CreditOS.Dataverse.Model.ConfigurationActivation;

namespace CreditOS.Plugins;

/// <summary>
/// A configuration activation is an audit fact (controls round 13): only the credit flow records it, in the
/// activation's own transaction (<see cref="ConfigurationActivationRecordPlugin"/>, as SYSTEM); nobody creates one by
/// hand, and nobody changes or deletes one, SYSTEM and a System Administrator included. Pre-validation, synchronous.
/// Budget: 0 on update and delete; 1 on create (who SYSTEM is, at most once per organization).
/// </summary>
[PluginStep(Messages.Create, Activation.EntityLogicalName, PipelineStage.PreValidation, CreateStepId, Description = "Only the credit flow records a configuration activation.")]
[PluginStep(Messages.Update, Activation.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId, Description = "Configuration activations are immutable.")]
[PluginStep(Messages.Delete, Activation.EntityLogicalName, PipelineStage.PreValidation, DeleteStepId, Description = "Configuration activations are never deleted.")]
public sealed class ConfigurationActivationGuardPlugin : PluginBase
{
    public const string CreateStepId = "de2b4805-e14d-45d1-99f4-cf88e58ccb1d";
    public const string UpdateStepId = "39232095-560a-4db0-9c26-268ac1e1ef62";
    public const string DeleteStepId = "1710626b-f797-47ad-9e18-8f6c7c14a28b";

    public ConfigurationActivationGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        if (context.MessageName == Messages.Create && CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService))
        {
            return;
        }

        throw new InvalidPluginExecutionException(context.MessageName == Messages.Create
            ? "A configuration activation is recorded only when a rule set version is activated or deactivated; it cannot be entered by hand."
            : "A configuration activation records who proposed and who activated a configuration version, and when; it cannot be changed or deleted, by anyone.");
    }
}
