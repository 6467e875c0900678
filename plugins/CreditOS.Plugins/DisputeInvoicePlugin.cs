using CreditOS.Dataverse.Credit.Disputes;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_DisputeInvoice: a collector marks an open invoice disputed with the
/// customer's reason (<see cref="InvoiceDispute"/>); the receivable step then rescores the customer, whose Risk score
/// counts the dispute. Budget: 5 calls.
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

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        InvoiceDispute.Dispute(context.SystemService, context.UserId, context.TargetReference, context.GetInputParameter<string>(DisputeInvoiceApi.Request.Reason), context.OperationCreatedOn);
}
