using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// A suspension lift is an audit fact: once recorded it is never changed or deleted, by anyone (a System Administrator
/// included). Budget: 0 calls.
/// </summary>
[PluginStep(Messages.Update, SuspensionLift.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId, Description = "Suspension lifts are immutable.")]
[PluginStep(Messages.Delete, SuspensionLift.EntityLogicalName, PipelineStage.PreValidation, DeleteStepId, Description = "Suspension lifts are never deleted.")]
public sealed class SuspensionLiftGuardPlugin : PluginBase
{
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a4012";
    public const string DeleteStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a4013";

    public SuspensionLiftGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        throw new InvalidPluginExecutionException(
            "A suspension lift records a Finance decision (who, when, why) and cannot be changed or deleted; to suspend again, flag the account or wait for the bureau.");
}
