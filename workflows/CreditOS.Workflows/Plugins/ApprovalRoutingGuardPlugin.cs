using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Fields = CreditOS.Dataverse.Model.ApprovalRouting.Fields;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// The approval routes are kept by someone who decides nothing (<see cref="ApprovalAuthorityGuard.EnsureRoute"/>):
/// Create, Update (SetState included) and Delete of cos_approvalrouting, at pre-validation, so nothing is written.
/// Budget: <see cref="ApprovalAuthorityGuard.MaximumCalls"/> (3, the approver directory).
/// </summary>
[PluginStep(Messages.Create, ApprovalRouting.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Approval routes are kept by someone who decides no approvals.")]
[PluginStep(Messages.Update, ApprovalRouting.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    Description = "Approval routes are kept by someone who decides no approvals.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, Fields.Name)]
[PluginStep(Messages.Delete, ApprovalRouting.EntityLogicalName, PipelineStage.PreValidation, DeleteStepId,
    Description = "Approval routes are deleted only by someone who decides no approvals.")]
[PluginImage(DeleteStepId, ImageType.PreImage, PreImageAlias, Fields.Name)]
public sealed class ApprovalRoutingGuardPlugin : PluginBase
{
    public const string PreImageAlias = "route";
    private const string CreateStepId = "3d1b7c52-8e0a-4f6b-9c2d-7a1e5f4b3c11";
    private const string UpdateStepId = "3d1b7c52-8e0a-4f6b-9c2d-7a1e5f4b3c12";
    private const string DeleteStepId = "3d1b7c52-8e0a-4f6b-9c2d-7a1e5f4b3c13";

    public ApprovalRoutingGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var name = context.TextAfterWrite(PreImageAlias, Fields.Name) ?? "new route";
        ApprovalAuthorityGuard.EnsureRoute(context.SystemService, context.UserId, name);
    }
}
