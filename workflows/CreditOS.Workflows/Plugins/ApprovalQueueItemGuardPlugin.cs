using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// Queue items of open credit approval requests are the credit flow's (<see cref="ApprovalQueueItemGuard"/>): Delete,
/// and Update of the item's queue, object or state (SetState runs as an Update of statecode; controls round 9: deactivating
/// the item, or pointing it at another row which the local metadata let change before local Dataverse round 26, took the request out of its
/// queue as deleting it did), at pre-validation. Budget: <see cref="ApprovalQueueItemGuard.MaximumCalls"/>.
/// </summary>
[PluginStep(Messages.Update, QueueItem.EntityLogicalName, PipelineStage.PreValidation, UpdateStepId,
    FilteringAttributes = QueueItem.Fields.QueueId + "," + QueueItem.Fields.StateCode + "," + QueueItem.Fields.ObjectId,
    Description = "An open credit approval request's queue item is not moved to another queue, pointed elsewhere nor deactivated by hand.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, QueueItem.Fields.ObjectId + "," + QueueItem.Fields.QueueId + "," + QueueItem.Fields.StateCode)]
[PluginStep(Messages.Delete, QueueItem.EntityLogicalName, PipelineStage.PreValidation, DeleteStepId,
    Description = "An open credit approval request's queue item is not removed from its queue by hand.")]
[PluginImage(DeleteStepId, ImageType.PreImage, PreImageAlias, QueueItem.Fields.ObjectId + "," + QueueItem.Fields.QueueId)]
public sealed class ApprovalQueueItemGuardPlugin : PluginBase
{
    public const string PreImageAlias = "item";
    private const string UpdateStepId = "5a2e8d41-7b3c-4e9f-8a1d-2c6b9e0f4d01";
    private const string DeleteStepId = "5a2e8d41-7b3c-4e9f-8a1d-2c6b9e0f4d02";

    public ApprovalQueueItemGuardPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var deleting = context.MessageName == Messages.Delete;
        var item = context.TryGetPreImage(PreImageAlias, out var image) ? image : null;
        var movesTo = deleting ? null : context.TargetEntity.GetAttributeValue<EntityReference>(QueueItem.Fields.QueueId);
        var deactivating = !deleting && ApprovalQueueItemGuard.Deactivates(context.TargetEntity, item);
        var pointsTo = deleting ? null : context.TargetEntity.GetAttributeValue<EntityReference>(QueueItem.Fields.ObjectId);
        ApprovalQueueItemGuard.Ensure(context.SystemService, context.PluginExecutionContext, context.TargetReference.Id, item, movesTo, deleting, deactivating, pointsTo);
    }
}
