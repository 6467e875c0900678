using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Api = CreditOS.Dataverse.Approvals.RouteOrderForCreditApprovalApi;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_RouteOrderForCreditApproval, which the activity
/// RouteOrderForCreditApproval calls as the process's user: routes the held order to Finance as SYSTEM
/// (<see cref="OrderApprovalRouter"/>) after checking that the caller can read the order (<see cref="WorkflowStepCallers"/>).
/// </summary>
[CustomApi(Api.UniqueName, BoundEntity = SalesOrder.EntityLogicalName,
    Description = "Routes a held order to Finance (one open approval request with the figures behind the hold); the process 'Route held order for credit approval' calls it.")]
[CustomApiResponseProperty(Api.Response.ApprovalRequest, CustomApiFieldType.EntityReference, EntityLogicalName = CreditApprovalRequest.EntityLogicalName)]
[CustomApiResponseProperty(Api.Response.Created, CustomApiFieldType.Boolean)]
public sealed class RouteOrderForCreditApprovalPlugin : PluginBase
{
    /// <summary>
    /// Organization-service calls at most to raise a request (held by WorkflowStepBudgetTests and WorkflowUserTests):
    /// the caller's read plus <see cref="OrderApprovalRouter.MaximumCallsToRaise"/>; each stale request cancelled on
    /// the way adds <see cref="OrderApprovalRouter.CallsPerCancelledRequest"/> and one call per queue item it had. It was
    /// a loose 12 before the customer was joined into the order's read and a cancellation closed the request in the same update.
    /// </summary>
    public const int MaximumCalls = 1 + OrderApprovalRouter.MaximumCallsToRaise;

    public RouteOrderForCreditApprovalPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var order = context.TargetReference;
        WorkflowStepCallers.RequireRead(context.UserService, order, SalesOrder.PrimaryIdAttribute);
        var outcome = OrderApprovalRouter.Route(context.SystemService, order, context.OperationCreatedOn);
        context.Trace("Order {0}: request {1}, created {2}, cancelled {3}", order.Id, outcome.Request?.Id.ToString() ?? "none", outcome.Created, outcome.Cancelled);
        context.SetOutputParameter(Api.Response.Created, outcome.Created);
        if (outcome.Request is not null)
        {
            context.SetOutputParameter(Api.Response.ApprovalRequest, outcome.Request);
        }
    }
}
