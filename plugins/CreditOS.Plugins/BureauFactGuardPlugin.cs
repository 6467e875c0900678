using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// Bureau changes and suspension lifts are audit facts the credit flow records: a bureau change from the bureau report
/// it came with (the report's step, as SYSTEM), a suspension lift from Finance's cos_LiftSuspension (as SYSTEM). Nobody
/// else creates one, a System Administrator included; a bureau change is never changed or deleted (a suspension lift
/// neither: <see cref="SuspensionLiftGuardPlugin"/>). Pre-validation, synchronous. Budget: 0 on update and delete; 1 on
/// create (who SYSTEM is, at most once per organization: CreditFlowIdentity).
/// </summary>
[PluginStep(Messages.Create, BureauChange.EntityLogicalName, PipelineStage.PreValidation, ChangeCreateStepId, Description = "Only the bureau report's step records a bureau change.")]
[PluginStep(Messages.Update, BureauChange.EntityLogicalName, PipelineStage.PreValidation, ChangeUpdateStepId, Description = "Bureau changes are immutable.")]
[PluginStep(Messages.Delete, BureauChange.EntityLogicalName, PipelineStage.PreValidation, ChangeDeleteStepId, Description = "Bureau changes are never deleted.")]
[PluginStep(Messages.Create, SuspensionLift.EntityLogicalName, PipelineStage.PreValidation, LiftCreateStepId, Description = "Only cos_LiftSuspension records a suspension lift.")]
public sealed class BureauFactGuardPlugin : PluginBase
{
    public const string ChangeCreateStepId = "31be6a37-16ea-4c4b-acb9-98980444c444";
    public const string ChangeUpdateStepId = "8d619d16-7777-46e0-b6d7-776db15ac79f";
    public const string ChangeDeleteStepId = "bf21529c-b127-4292-8e92-cd397bf8cf44";
    public const string LiftCreateStepId = "5d3e0c1a-8f0b-4f7e-9a55-3c0b2e9d61a4";

    public BureauFactGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var lift = context.PrimaryEntityName == SuspensionLift.EntityLogicalName;
        if (context.MessageName == Messages.Create && CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService))
        {
            return;
        }

        throw new InvalidPluginExecutionException(lift
            ? "A suspension lift is recorded only by Finance's Lift suspension command (cos_LiftSuspension), which checks the approver and the reason; it cannot be entered by hand."
            : context.MessageName == Messages.Create
                ? "A bureau change is recorded only from the bureau report it came with; it cannot be entered by hand."
                : "A bureau change records what the bureau reported (previous and new value, date) and cannot be changed or deleted.");
    }
}
