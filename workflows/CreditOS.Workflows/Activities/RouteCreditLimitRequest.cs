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
/// empty requested limit (the clearing itself triggers the process again) does nothing. With a request type (a credit
/// administrator's process: initial limit, increase) it calls cos_RouteCreditLimitRequest, whose plug-in routes as
/// SYSTEM (see <see cref="CreditLimitRequestRouter"/>) and is open only to credit administrators.
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
        var request = new OrganizationRequest(RouteCreditLimitRequestApi.UniqueName)
        {
            ["Target"] = context.Get(Account),
            [RouteCreditLimitRequestApi.Request.RequestType] = type.Value,
            [RouteCreditLimitRequestApi.Request.RequestedLimit] = limit,
            [RouteCreditLimitRequestApi.Request.Reason] = context.Get(Reason) ?? string.Empty,
        };
        if (DateOrNone(context.Get(TemporaryUntil)) is { } until)
        {
            request[RouteCreditLimitRequestApi.Request.TemporaryUntil] = until;
        }

        if (DateOrNone(context.Get(ReviewOn)) is { } reviewOn)
        {
            request[RouteCreditLimitRequestApi.Request.ReviewOn] = reviewOn;
        }

        SetOutcome(context, context.UserService.Execute(request));
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

        SetOutcome(context, context.UserService.Execute(request));
    }

    // Both APIs answer with the same response properties (RequestCreditLimitApi.Response, RouteCreditLimitRequestApi.Response).
    private void SetOutcome(LocalWorkflowContext context, OrganizationResponse response)
    {
        context.Set(RequiresApproval, (bool)response[RequestCreditLimitApi.Response.RequiresApproval]);
        if (response.Results.TryGetValue(RequestCreditLimitApi.Response.ApprovalRequest, out var approval) && approval is EntityReference reference)
        {
            context.Set(ApprovalRequest, reference);
        }
    }

    // An unset date argument arrives as DateTime's default.
    private static DateTime? DateOrNone(DateTime value) => value == default ? null : value;
}
