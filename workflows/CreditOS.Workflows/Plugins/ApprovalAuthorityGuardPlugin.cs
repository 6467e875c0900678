using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Fields = CreditOS.Dataverse.Model.ApprovalAuthority.Fields;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// The approval authority matrix is kept by someone who decides nothing (<see cref="ApprovalAuthorityGuard"/>):
/// Create, Update (SetState included) and Delete of cos_approvalauthority, at pre-validation, so nothing is written.
/// Budget: <see cref="ApprovalAuthorityGuard.MaximumCalls"/> (3, the approver directory), 0 for a row naming both a team and a user.
/// </summary>
[PluginStep(Messages.Create, ApprovalAuthority.EntityLogicalName, PipelineStage.PreValidation, CreateStepId,
    Description = "Approval authorities are kept by someone who decides no approvals; a row names a team or a user.")]
[PluginStep(Messages.Update, ApprovalAuthority.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    Description = "Approval authorities are kept by someone who decides no approvals; a row names a team or a user.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, Fields.Name + "," + Fields.TeamId + "," + Fields.UserId)]
[PluginStep(Messages.Delete, ApprovalAuthority.EntityLogicalName, PipelineStage.PreValidation, DeleteStepId,
    Description = "Approval authorities are deleted only by someone who decides no approvals.")]
[PluginImage(DeleteStepId, ImageType.PreImage, PreImageAlias, Fields.Name)]
public sealed class ApprovalAuthorityGuardPlugin : PluginBase
{
    public const string PreImageAlias = "authority";
    private const string CreateStepId = "3d1b7c52-8e0a-4f6b-9c2d-7a1e5f4b3c01";
    private const string UpdateStepId = "3d1b7c52-8e0a-4f6b-9c2d-7a1e5f4b3c02";
    private const string DeleteStepId = "3d1b7c52-8e0a-4f6b-9c2d-7a1e5f4b3c03";

    public ApprovalAuthorityGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var before = context.MessageName != Messages.Create && context.TryGetPreImage(PreImageAlias, out var image) ? image : null;
        Entity? row = null;
        if (context.MessageName != Messages.Delete)
        {
            row = new Entity(ApprovalAuthority.EntityLogicalName);
            foreach (var column in before?.Attributes ?? [])
            {
                row[column.Key] = column.Value;
            }

            foreach (var column in context.TargetEntity.Attributes)
            {
                row[column.Key] = column.Value;
            }
        }

        var name = row?.GetAttributeValue<string>(Fields.Name) ?? before?.GetAttributeValue<string>(Fields.Name) ?? "new row";
        ApprovalAuthorityGuard.Ensure(context.SystemService, context.UserId, row, name);
    }
}
