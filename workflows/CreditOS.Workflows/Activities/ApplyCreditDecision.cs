using System.Activities;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using CreditOS.Workflows.Infrastructure;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.Workflows.Activities;

/// <summary>Carries out the decision recorded on a credit approval request (see <see cref="CreditDecisionApplier"/>).</summary>
public sealed class ApplyCreditDecision : WorkflowActivityBase
{
    [RequiredArgument]
    [Input("Approval request")]
    [ReferenceTarget(CreditApprovalRequest.EntityLogicalName)]
    public InArgument<EntityReference> ApprovalRequest { get; set; } = new();

    [Input("Cancel the order when rejected")]
    [Default("False")]
    public InArgument<bool> CancelOrderOnReject { get; set; } = new();

    [Output("Outcome")]
    public OutArgument<string> Outcome { get; set; } = new();

    protected override void ExecuteCrmWorkflowActivity(LocalWorkflowContext context)
    {
        var request = context.Get(ApprovalRequest) ?? throw new InvalidPluginExecutionException("Apply credit decision needs the approval request.");
        var outcome = CreditDecisionApplier.Apply(context.SystemService, request, context.Get(CancelOrderOnReject), context.OperationCreatedOn);
        context.Trace("Request {0}: {1}", request.Id, outcome);
        context.Set(Outcome, outcome.ToString());
    }
}
