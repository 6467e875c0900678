using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using Change = CreditOS.Dataverse.Model.ConfigurationChange;

namespace CreditOS.Plugins;

/// <summary>
/// Applies a configuration change when it is set Applied (controls round 14): writes the row it names as SYSTEM
/// (<see cref="ConfigurationChangeApplication"/>; that table's validators run) and records the fact, with each column
/// from its value to the new one, as an immutable <c>cos_configurationactivation</c> row
/// (<see cref="ConfigurationActivationRecords.RecordChange"/>). Post-operation, synchronous: in the save's transaction,
/// so a change the validators refuse stays proposed and leaves no record. Budget: 0 when the state does not change to
/// applied; at most <see cref="MaximumCalls"/>.
/// </summary>
[PluginStep(Messages.Update, Change.EntityLogicalName, PipelineStage.PostOperation, UpdateStepId,
    FilteringAttributes = Change.Fields.StateCode, Description = "An applied configuration change is put in force and recorded (who proposed, who applied, from what to what).")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, ConfigurationChangeGuardPlugin.ImageColumns)]
public sealed class ConfigurationChangeApplyPlugin : PluginBase
{
    public const string UpdateStepId = "b1f0c7a4-5d2e-4e51-8c63-2a9d4e7f1c11";
    public const string PreImageAlias = "PreImage";

    /// <summary>The row and its write, who SYSTEM is (once per organization), whether four-eyes held the applier, the record.</summary>
    public const int MaximumCalls = ConfigurationChangeApplication.Calls + 1 + RuleSetFourEyes.CallerCalls + ConfigurationActivationRecords.Calls;

    public ConfigurationChangeApplyPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var before = context.GetPreImage(PreImageAlias);
        if (!ConfigurationChangeGuard.IsProposed(before) || ConfigurationChangeGuard.IsProposed(context.TargetEntity))
        {
            return;
        }

        // The change as saved: the guard refuses a held applier who changes it in the same save, but not everyone is held.
        var change = ConfigurationChangeGuard.Merge(before, context.TargetEntity);
        var applied = ConfigurationChangeApplication.Apply(context.SystemService, change);
        var fourEyes = RuleSetFourEyes.Applies(
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService), context.SystemService, context.UserId);
        ConfigurationActivationRecords.RecordChange(context.SystemService, change, applied, context.UserId, context.OperationCreatedOn, fourEyes);
    }
}
