using System.Activities;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using CreditOS.Workflows.Infrastructure;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.Workflows.Activities;

/// <summary>Moves pending requests (all, or the one given) past their due time to the escalation queue and flags them (see <see cref="ApprovalEscalator"/>).</summary>
public sealed class EscalateOverdueCreditApprovals : WorkflowActivityBase
{
    [Input("Only this approval request")]
    [ReferenceTarget(CreditApprovalRequest.EntityLogicalName)]
    public InArgument<EntityReference> ApprovalRequest { get; set; } = new();

    [Output("Requests escalated")]
    public OutArgument<int> Escalated { get; set; } = new();

    protected override void ExecuteCrmWorkflowActivity(LocalWorkflowContext context) =>
        context.Set(Escalated, ApprovalEscalator.EscalateOverdue(context.SystemService, context.OperationCreatedOn, context.Get(ApprovalRequest)));
}
