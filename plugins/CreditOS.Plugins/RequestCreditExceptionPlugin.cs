using CreditOS.Dataverse.Credit.OrderCheck;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_RequestCreditException: the sales rep asks Finance for an exception
/// from a refused order (<see cref="CreditExceptionRequest"/>); the order is held and routed to Finance like any held
/// order. Budget: 5 calls (the order, the account's lock, its credit record, its open orders, the order's hold).
/// </summary>
[CustomApi(CreditExceptionApi.UniqueName, BoundEntity = SalesOrder.EntityLogicalName,
    Description = "The sales rep asks Finance for an exception from an order the credit check refused; it is held and routed to Finance.")]
[CustomApiRequestParameter(CreditExceptionApi.Request.Reason, CustomApiFieldType.String)]
public sealed class RequestCreditExceptionPlugin : PluginBase
{
    public RequestCreditExceptionPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context) =>
        CreditExceptionRequest.Request(
            context.SystemService, context.UserId, context.TargetReference, context.GetInputParameter<string>(CreditExceptionApi.Request.Reason), context.OperationCreatedOn);
}
