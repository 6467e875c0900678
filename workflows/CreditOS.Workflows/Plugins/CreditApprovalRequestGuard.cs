using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// Server-side enforcement of what may happen to a credit approval request (see <see cref="ApprovalRequestGuard"/>):
/// only the credit flow creates one; its subject and figures never change; its status moves only through the credit
/// flow (decisions through the Custom API cos_DecideCreditApproval, <see cref="DecideCreditApprovalPlugin"/>, which
/// checks the approver). Create at pre-validation (refused before the transaction); Update at pre-operation (a refusal
/// saves nothing). It lives in the workflow assembly beside the approval activities because both belong to the
/// approval feature; Dataverse registers plug-in types from any assembly.
/// Budget: 0 calls for a save that changes nothing guarded; 1 when a status or credit-flow column changes (who SYSTEM is, at most once per organization: CreditFlowIdentity).
/// </summary>
[PluginStep(Messages.Create, CreditApprovalRequest.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Only the credit flow raises credit approval requests, always pending.")]
[PluginStep(Messages.Update, CreditApprovalRequest.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId,
    Description = "A request's subject and figures never change; its status moves only through the credit flow and Finance's decision API.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, ApprovalRequestGuard.ImageColumns)]
public sealed class CreditApprovalRequestGuard : PluginBase
{
    public const string PreImageAlias = "request";
    private const string UpdateStepId = "6f0c3d0e-52a4-4f57-9a3e-5b1f0a7d2c11";
    private const string CreateStepId = "6f0c3d0e-52a4-4f57-9a3e-5b1f0a7d2c12";

    public CreditApprovalRequestGuard(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        bool IsCreditFlow() => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService);
        if (context.MessageName == Messages.Create)
        {
            ApprovalRequestGuard.GuardCreate(context.TargetEntity, IsCreditFlow);
            return;
        }

        ApprovalRequestGuard.GuardUpdate(context.TargetEntity, context.GetPreImage(PreImageAlias), IsCreditFlow);
    }
}
