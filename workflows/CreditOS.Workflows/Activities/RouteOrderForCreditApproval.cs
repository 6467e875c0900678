using System.Activities;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using CreditOS.Workflows.Infrastructure;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using Api = CreditOS.Dataverse.Approvals.RouteOrderForCreditApprovalApi;

namespace CreditOS.Workflows.Activities;

/// <summary>
/// Routes a held order to Finance through the Custom API cos_RouteOrderForCreditApproval, called as the process's user
/// (its plug-in routes as SYSTEM, see <see cref="OrderApprovalRouter"/>); outputs the open request.
/// </summary>
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
        var response = context.UserService.Execute(new OrganizationRequest(Api.UniqueName) { ["Target"] = order });
        context.Set(ApprovalRequest, (response.Results.TryGetValue(Api.Response.ApprovalRequest, out var request) ? request as EntityReference : null)!);
        context.Set(Created, (bool)response[Api.Response.Created]);
    }
}
