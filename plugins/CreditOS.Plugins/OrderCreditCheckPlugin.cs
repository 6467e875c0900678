using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Credit.OrderCheck;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;

namespace CreditOS.Plugins;

/// <summary>
/// Order entry: checks a new or changed order against the customer's credit before it is saved (pre-operation, in the
/// transaction). Approve → saved approved; require approval → saved on credit hold with the reasons and figures; block
/// or suspension → the save is refused with the figures. The account's open orders and exposure are updated in the
/// same transaction; an order without a currency is saved in the customer's, the one it was checked in (controls round 13).
/// Budget: 3 organization-service calls (see <see cref="OrderCreditCheck"/>); +1 or 2 (who SYSTEM is, once per organization;
/// whether the caller holds the Integration role) when an existing channel order is decided again (round 28b) or its amount
/// changes (round 29: who changed it last is recorded in <c>cos_changedbyperson</c>). It writes only the order's credit
/// columns (not its trigger columns) and the account, so it never triggers itself.
/// </summary>
[PluginStep(Messages.Create, SalesOrder.EntityLogicalName, PipelineStage.PreOperation, CreateStepId,
    Description = "Credit check of a new order against the customer's limit, overdue and policy.")]
[PluginStep(Messages.Update, SalesOrder.EntityLogicalName, PipelineStage.PreOperation, UpdateStepId,
    FilteringAttributes = SalesOrderCredit.TriggerColumns,
    Description = "Credit check when an order's amount, customer or state changes.")]
[PluginImage(UpdateStepId, ImageType.PreImage, PreImageAlias, SalesOrderCredit.ImageColumns)]
public sealed class OrderCreditCheckPlugin : PluginBase
{
    public const string CreateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a1001";
    public const string UpdateStepId = "6f2c1a10-4b1e-4c51-9a37-0c1e5d7a1002";
    public const string PreImageAlias = "PreImage";

    public OrderCreditCheckPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var target = context.TargetEntity;
        var before = SalesOrderCredit.PreImage(context.TryGetPreImage(PreImageAlias, out var image) ? image : null);
        var request = SalesOrderCredit.Request(
            target,
            before,
            context.PrimaryEntityId,
            context.OperationCreatedOn,
            () => CreditFlowIdentity.IsCreditFlow(context.PluginExecutionContext, context.SystemService)
                || IntegrationIdentity.IsIntegration(context.SystemService, context.UserId));
        var result = OrderCreditCheck.Run(context.SystemService, context.TracingService, request);
        SalesOrderCredit.Apply(result.Decision, target, before, context.OperationCreatedOn, context.InitiatingUserId);
        SalesOrderCredit.RecordWhoChangedIt(request, target, before);
        SalesOrderCredit.KeepCheckedCurrency(target, before, result.CheckedInCurrency);
    }
}
