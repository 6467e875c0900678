using System.Activities;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using CreditOS.Workflows.Infrastructure;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.Workflows.Activities;

/// <summary>Routes a held order to Finance (see <see cref="OrderApprovalRouter"/>); outputs the open request.</summary>
public sealed class RouteOrderForCreditApproval : WorkflowActivityBase
{
    [RequiredArgument]
    [Input("Order")]
    [ReferenceTarget(SalesOrder.EntityLogicalName)]
    public InArgument<EntityReference> Order { get; set; } = new();

    [Output("Approval request")]
    [ReferenceTarget(CreditApprovalRequest.EntityLogicalName)]
    public OutArgument<EntityReference> ApprovalRequest { get; set; } = new();

    [Output("Request created")]
    public OutArgument<bool> Created { get; set; } = new();

    protected override void ExecuteCrmWorkflowActivity(LocalWorkflowContext context)
    {
        var order = context.Get(Order) ?? throw new InvalidPluginExecutionException("Route order for credit approval needs the order.");
        var outcome = OrderApprovalRouter.Route(context.SystemService, order, context.OperationCreatedOn);
        context.Trace("Order {0}: request {1}, created {2}, cancelled {3}", order.Id, outcome.Request?.Id.ToString() ?? "none", outcome.Created, outcome.Cancelled);
        context.Set(ApprovalRequest, outcome.Request!);
        context.Set(Created, outcome.Created);
    }
}
