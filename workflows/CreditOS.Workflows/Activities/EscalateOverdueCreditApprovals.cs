using System.Activities;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using CreditOS.Workflows.Infrastructure;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using Api = CreditOS.Dataverse.Approvals.EscalateOverdueCreditApprovalsApi;

namespace CreditOS.Workflows.Activities;

/// <summary>
/// Moves pending requests (all, or the one given) past their due time to the escalation queue and flags them, through
/// the Custom API cos_EscalateOverdueCreditApprovals called as the process's user (its plug-in writes as SYSTEM, see
/// <see cref="ApprovalEscalator"/>).
/// </summary>
public sealed class EscalateOverdueCreditApprovals : WorkflowActivityBase
{
    [Input("Only this approval request")]
    [ReferenceTarget(CreditApprovalRequest.EntityLogicalName)]
    public InArgument<EntityReference> ApprovalRequest { get; set; } = new();

    [Output("Requests escalated")]
    public OutArgument<int> Escalated { get; set; } = new();

    protected override void ExecuteCrmWorkflowActivity(LocalWorkflowContext context)
    {
        var request = new OrganizationRequest(Api.UniqueName);
        if (context.Get(ApprovalRequest) is { } only)
        {
            request[Api.Request.ApprovalRequest] = only;
        }

        context.Set(Escalated, (int)context.UserService.Execute(request)[Api.Response.Escalated]);
    }
}
