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
/// the transaction; this recomputation heals any drift and updates the customer an order left. Each rescoring goes
/// through the cos_RescoreAccount Custom API (trigger "event"): an asynchronous step has no transaction to hold the
/// account's lock in, the Custom API's main operation has one; it also runs the event-time condition monitor. Budget:
/// one Custom API call per customer concerned (at most two); the rescoring's calls are the Custom API plug-in's budget.
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
            // Through the Custom API, whose main operation has the transaction this step lacks (see ReceivableChangePlugin).
            context.Trace("Order {0} changed state or customer: rescoring account {1}.", context.PrimaryEntityId, accountId);
            context.SystemService.Execute(RescoreAccountApi.AfterEvent(accountId));
        }
    }
}
