using CreditOS.Dataverse.Credit.Collections;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// A promise to pay's outcome is the credit flow's and what was promised is fixed (<see cref="PromiseToPayGuard"/>).
/// Pre-validation, synchronous, before the capture step starts a promise open. Budget: 0; 1 (who SYSTEM is, at most once per organization: CreditFlowIdentity) when a
/// person's save or delete would be refused otherwise.
/// </summary>
[PluginStep(Messages.Create, PromiseToPay.EntityLogicalName, PipelineStage.PreValidation, CreateStepId, Description = "A person records a promise to pay open.")]
[PluginStep(Messages.Update, PromiseToPay.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId, Description = "A promise's outcome is the credit flow's; what was promised is fixed.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, PromiseToPayGuard.ImageColumns)]
[PluginStep(Messages.Delete, PromiseToPay.EntityLogicalName, PipelineStage.PreValidation, DeleteStepId, Description = "A resolved or past-due promise is never deleted.")]
[PluginImage(DeleteStepId, ImageType.PreImage, PreImageAlias, PromiseToPayGuard.ImageColumns)]
public sealed class PromiseToPayGuardPlugin : PluginBase
{
    public const string CreateStepId = "14a00665-fc77-43d9-b9d6-cb587e40c0bd";
    public const string UpdateStepId = "a4f09b1c-e493-45d8-bfe7-cf37165e3f9b";
    public const string DeleteStepId = "02669752-fd85-4105-a28c-df5cd496357d";
    public const string PreImageAlias = "PreImage";

    public PromiseToPayGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        bool IsCreditFlow() => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService);
        switch (context.MessageName)
        {
            case Messages.Create:
                PromiseToPayGuard.GuardCreate(context.TargetEntity, context.OperationCreatedOn, IsCreditFlow);
                break;
            case Messages.Update:
                PromiseToPayGuard.GuardUpdate(context.TargetEntity, context.GetPreImage(PreImageAlias), IsCreditFlow);
                break;
            case Messages.Delete:
                PromiseToPayGuard.GuardDelete(context.GetPreImage(PreImageAlias), context.OperationCreatedOn, IsCreditFlow);
                break;
        }
    }
}
