using System.Activities;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using CreditOS.Workflows.Infrastructure;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace CreditOS.Workflows.Activities;

/// <summary>
/// Asks Finance for a limit. Without a request type it is the sales rep's request entered on the account (the real-time
/// process "creditOS: Route credit limit request", run as the rep): it calls the Custom API cos_RequestCreditLimit as the
/// process's user (<see cref="SalesRepLimitRequest"/>: always a limit increase, the account's request columns cleared),
/// so what needs no approval is applied by a plug-in as SYSTEM, as the credit column guard requires in Dataverse; an
/// empty requested limit (the clearing itself triggers the process again) does nothing. With a request type (an admin's
/// process: initial limit, increase) it routes as before (see <see cref="CreditLimitRequestRouter"/>).
/// </summary>
public sealed class RouteCreditLimitRequest : WorkflowActivityBase
{
    [RequiredArgument]
    [Input("Account")]
    [ReferenceTarget(CreditOS.Dataverse.Model.Account.EntityLogicalName)]
    public InArgument<EntityReference> Account { get; set; } = new();

    [Input("Request type (empty: the sales rep's request on the account)")]
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
        var type = context.Get(RequestType);
        if (type is null)
        {
            RouteTheSalesRepsRequest(context);
            return;
        }

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

    private void RouteTheSalesRepsRequest(LocalWorkflowContext context)
    {
        if (context.Get(RequestedLimit) is not { } limit)
        {
            context.Trace("No requested limit on the account: nothing to route.");
            context.Set(RequiresApproval, false);
            return;
        }

        var request = new OrganizationRequest(RequestCreditLimitApi.UniqueName)
        {
            ["Target"] = context.Get(Account),
            [RequestCreditLimitApi.Request.RequestedLimit] = limit,
            [RequestCreditLimitApi.Request.Reason] = context.Get(Reason) ?? string.Empty,
        };
        if (DateOrNone(context.Get(TemporaryUntil)) is { } until)
        {
            request[RequestCreditLimitApi.Request.TemporaryUntil] = until;
        }

        var response = context.UserService.Execute(request);
        context.Set(RequiresApproval, (bool)response[RequestCreditLimitApi.Response.RequiresApproval]);
        if (response.Results.TryGetValue(RequestCreditLimitApi.Response.ApprovalRequest, out var approval) && approval is EntityReference reference)
        {
            context.Set(ApprovalRequest, reference);
        }
    }

    // An unset date argument arrives as DateTime's default.
    private static DateTime? DateOrNone(DateTime value) => value == default ? null : value;
}
