using CreditOS.Dataverse.Credit.Collections.FollowUp;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Plugins;

/// <summary>
/// Order fulfilled, cancelled or moved to another customer (salesorder Update of state or customer, post-operation,
/// asynchronous): rescores the customers concerned, so completed orders count toward ending starter terms and each
/// account's open orders are recomputed from the orders themselves. The order check already moved the amount within
/// the transaction; this recomputation heals any drift and updates the customer an order left. Budget:
/// <see cref="AccountRescoring.MaximumCalls"/> per customer concerned (at most two), each followed by the event-time
/// condition monitor (<see cref="EventConditionMonitor.MaximumReadCalls"/> only when the rescoring recorded a worse tier
/// or a higher Risk score, + one create per action item).
/// </summary>
[PluginStep(Messages.Update, SalesOrder.EntityLogicalName, PipelineStage.PostOperation, UpdateStepId,
    Mode = ExecutionMode.Asynchronous, FilteringAttributes = TriggerColumns,
    Description = "Rescores the customer when an order is fulfilled, cancelled or moved to another customer.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, SalesOrder.Fields.CustomerId)]
[PluginImage(UpdateStepId, ImageType.PostImage, PostImageAlias, SalesOrder.Fields.CustomerId + "," + SalesOrder.Fields.StateCode)]
public sealed class OrderLifecyclePlugin : PluginBase
{
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a5001";
    public const string PreImageAlias = "PreImage";
    public const string PostImageAlias = "PostImage";
    public const string TriggerColumns = SalesOrder.Fields.StateCode + "," + SalesOrder.Fields.CustomerId;

    public OrderLifecyclePlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var before = new RegisteredImage(context.TryGetPreImage(PreImageAlias, out var pre) ? pre : null, SalesOrder.Fields.CustomerId);
        var after = new RegisteredImage(context.TryGetPostImage(PostImageAlias, out var post) ? post : null, SalesOrder.Fields.CustomerId + "," + SalesOrder.Fields.StateCode);
        var customers = new[] { before.Get<EntityReference>(SalesOrder.Fields.CustomerId), after.Get<EntityReference>(SalesOrder.Fields.CustomerId) }
            .Where(c => c is not null && c.LogicalName == Account.EntityLogicalName)
            .Select(c => c!.Id)
            .Distinct();
        foreach (var accountId in customers)
        {
            var result = AccountRescoring.Rescore(context.SystemService, context.TracingService, accountId, ScoreTrigger.Event, "order state or customer change", context.OperationCreatedOn);
            EventConditionMonitor.AfterRescoring(context.SystemService, context.TracingService, result, context.OperationCreatedOn);
        }
    }
}
