using CreditOS.Dataverse.Credit.Collections.FollowUp;
using CreditOS.Dataverse.Credit.Disputes;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_DisputeInvoice: a collector marks an open invoice disputed with the
/// customer's reason (<see cref="InvoiceDispute"/>) and the customer is rescored in the same transaction, its Risk score
/// counting the dispute; the event-time condition monitor then sees a Risk score or tier the dispute made worse (the
/// receivable step's later rescoring finds the picture already written, so it would not). Budget:
/// <see cref="InvoiceDispute.CallsBesidesRescoring"/> + <see cref="AccountRescoring.MaximumCalls"/> +
/// <see cref="EventConditionMonitor.MaximumReadCalls"/> (+ one create per action item).
/// </summary>
[CustomApi(DisputeInvoiceApi.UniqueName, BoundEntity = Receivable.EntityLogicalName,
    Description = "A collector marks an open invoice disputed with the customer's reason; it leaves dunning and enters the Risk score's dispute factor.")]
[CustomApiRequestParameter(DisputeInvoiceApi.Request.Reason, CustomApiFieldType.String)]
public sealed class DisputeInvoicePlugin : PluginBase
{
    public DisputeInvoicePlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var rescored = InvoiceDispute.Dispute(
            context.SystemService,
            context.TracingService,
            context.UserId,
            context.TargetReference,
            context.GetInputParameter<string>(DisputeInvoiceApi.Request.Reason),
            context.OperationCreatedOn,
            context.PluginExecutionContext.IsInTransaction);
        if (rescored is not null)
        {
            EventConditionMonitor.AfterRescoring(context.SystemService, context.TracingService, rescored, context.OperationCreatedOn);
        }
    }
}
