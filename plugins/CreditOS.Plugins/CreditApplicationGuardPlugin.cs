using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Server-side enforcement of what may happen to a credit application (<see cref="CreditApplicationGuard"/>): it starts
/// as a draft, its status moves only through the credit flow and only along the application's transitions, the
/// assessment's columns are the credit flow's, and what it says is frozen once submitted. Create at pre-validation;
/// Update at pre-operation with the pre-image, where it also keeps statecode in step with the status reason.
/// Budget: 0 calls for a person's save that touches nothing guarded; 1 (who SYSTEM is, at most once per organization: CreditFlowIdentity) otherwise.
/// </summary>
[PluginStep(Messages.Create, CreditApplication.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "A credit application starts as a draft; the assessment's columns are the credit flow's.")]
[PluginStep(Messages.Update, CreditApplication.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId,
    Description = "A credit application's status moves only through the credit flow and along its transitions; a submitted application is frozen.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, CreditApplicationGuard.ImageColumns)]
public sealed class CreditApplicationGuardPlugin : PluginBase
{
    public const string PreImageAlias = "application";
    private const string CreateStepId = "3c7d2f4e-8a61-4b0e-9f52-1d6a0c9e5a01";
    private const string UpdateStepId = "3c7d2f4e-8a61-4b0e-9f52-1d6a0c9e5a02";

    public CreditApplicationGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        bool IsCreditFlow() => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService);
        if (context.MessageName == Messages.Create)
        {
            CreditApplicationGuard.GuardCreate(context.TargetEntity, IsCreditFlow);
            return;
        }

        CreditApplicationGuard.GuardUpdate(context.TargetEntity, context.GetPreImage(PreImageAlias), IsCreditFlow);
    }
}
