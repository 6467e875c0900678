using System.Activities;
using CreditOS.Workflows.Infrastructure;
using CreditOS.Xrm.Approvals;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.Workflows.Activities;

/// <summary>Moves pending requests past their due time to the escalation queue and flags them (see <see cref="ApprovalEscalator"/>).</summary>
public sealed class EscalateOverdueCreditApprovals : WorkflowActivityBase
{
    [Output("Requests escalated")]
    public OutArgument<int> Escalated { get; set; } = new();

    protected override void ExecuteCrmWorkflowActivity(LocalWorkflowContext context) =>
        context.Set(Escalated, ApprovalEscalator.EscalateOverdue(context.SystemService, context.OperationCreatedOn));
}
