using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// Server-side enforcement of who may decide a credit approval request (stage 20 of its Update, so a refusal
/// saves nothing): see <see cref="DecisionGuard"/>. It lives in the workflow assembly beside the approval
/// activities because both belong to the approval feature; Dataverse registers plug-in types from any assembly.
/// </summary>
[PluginStep(Messages.Update, CreditApprovalRequest.EntityLogicalName, PipelineStage.PreOperation, StepId,
    FilteringAttributes = RequestFields.ApprovalStatus,
    Description = "Only Finance approvers decide credit approval requests, never their own.")]
[PluginImage(StepId, ImageType.PreImage, PreImageAlias, RequestFields.Name + "," + RequestFields.ApprovalStatus + "," + RequestFields.RequestedBy)]
public sealed class CreditApprovalDecisionGuard : PluginBase
{
    public const string PreImageAlias = "request";
    private const string StepId = "6f0c3d0e-52a4-4f57-9a3e-5b1f0a7d2c11";

    public CreditApprovalDecisionGuard(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        DecisionGuard.Check(context.SystemService, context.TargetEntity, context.GetPreImage(PreImageAlias), context.UserId, context.OperationCreatedOn);
}
