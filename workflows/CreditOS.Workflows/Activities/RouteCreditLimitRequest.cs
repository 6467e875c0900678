using System.Activities;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using CreditOS.Workflows.Infrastructure;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.Workflows.Activities;

/// <summary>Asks Finance for an initial limit or a limit increase (see <see cref="CreditLimitRequestRouter"/>).</summary>
public sealed class RouteCreditLimitRequest : WorkflowActivityBase
{
    [RequiredArgument]
    [Input("Account")]
    [ReferenceTarget(CreditOS.Dataverse.Model.Account.EntityLogicalName)]
    public InArgument<EntityReference> Account { get; set; } = new();

    [RequiredArgument]
    [Input("Request type")]
    [AttributeTarget(CreditApprovalRequest.EntityLogicalName, CreditApprovalRequest.Fields.RequestType)]
    public InArgument<OptionSetValue> RequestType { get; set; } = new();

    [RequiredArgument]
    [Input("Requested limit")]
    public InArgument<Money> RequestedLimit { get; set; } = new();

    [RequiredArgument]
    [Input("Reason (verification or recommendation)")]
    public InArgument<string> Reason { get; set; } = new();

    [Input("Temporary until")]
    public InArgument<DateTime> TemporaryUntil { get; set; } = new();

    [Input("Review on")]
    public InArgument<DateTime> ReviewOn { get; set; } = new();

    [Output("Approval request")]
    [ReferenceTarget(CreditApprovalRequest.EntityLogicalName)]
    public OutArgument<EntityReference> ApprovalRequest { get; set; } = new();

    [Output("Needs Finance approval")]
    public OutArgument<bool> RequiresApproval { get; set; } = new();

    protected override void ExecuteCrmWorkflowActivity(LocalWorkflowContext context)
    {
        var type = context.Get(RequestType) ?? throw new InvalidPluginExecutionException("Route credit limit request needs the request type.");
        var limit = context.Get(RequestedLimit) ?? throw new InvalidPluginExecutionException("Route credit limit request needs the requested limit.");
        var request = new CreditLimitRequest(
            context.Get(Account),
            (CreditApprovalRequestType)type.Value,
            limit.Value,
            context.Get(Reason),
            DateOrNone(context.Get(TemporaryUntil)),
            DateOrNone(context.Get(ReviewOn)),
            context.WorkflowContext.InitiatingUserId);
        var outcome = CreditLimitRequestRouter.Route(context.SystemService, request, context.OperationCreatedOn);
        context.Set(ApprovalRequest, outcome.Request!);
        context.Set(RequiresApproval, outcome.Request is not null);
    }

    // An unset date argument arrives as DateTime's default.
    private static DateTime? DateOrNone(DateTime value) => value == default ? null : value;
}
