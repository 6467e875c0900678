using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Api = CreditOS.Dataverse.Approvals.RouteCreditLimitRequestApi;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_RouteCreditLimitRequest, which the activity RouteCreditLimitRequest
/// calls, as the process's user, when a request type is given (a credit administrator's process: initial limit, limit
/// increase): routes it as SYSTEM (<see cref="CreditLimitRequestRouter"/>), requested by the caller. An increase within
/// the no-approval amount is applied at once, so only holders of the creditOS Credit Administrator role may call it
/// (<see cref="WorkflowStepCallers.IsCreditAdministrator"/>); a sales rep asks through cos_RequestCreditLimit.
/// Budget (<see cref="MaximumCalls"/>, held by WorkflowStepBudgetTests): the role check (1, 2 when the role is held
/// through a team) plus <see cref="CreditLimitRequestRouter.MaximumCalls"/>.
/// </summary>
[CustomApi(Api.UniqueName, BoundEntity = Account.EntityLogicalName,
    Description = "A credit administrator asks Finance for an initial limit or a limit increase on the account (a small increase is applied at once).")]
[CustomApiRequestParameter(Api.Request.RequestType, CustomApiFieldType.Integer)]
[CustomApiRequestParameter(Api.Request.RequestedLimit, CustomApiFieldType.Money)]
[CustomApiRequestParameter(Api.Request.Reason, CustomApiFieldType.String)]
[CustomApiRequestParameter(Api.Request.TemporaryUntil, CustomApiFieldType.DateTime, IsOptional = true)]
[CustomApiRequestParameter(Api.Request.ReviewOn, CustomApiFieldType.DateTime, IsOptional = true)]
[CustomApiResponseProperty(Api.Response.RequiresApproval, CustomApiFieldType.Boolean)]
[CustomApiResponseProperty(Api.Response.ApprovalRequest, CustomApiFieldType.EntityReference, EntityLogicalName = CreditApprovalRequest.EntityLogicalName)]
public sealed class RouteCreditLimitRequestPlugin : PluginBase
{
    public const int MaximumCalls = 2 + CreditLimitRequestRouter.MaximumCalls;

    public RouteCreditLimitRequestPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        if (!WorkflowStepCallers.IsCreditAdministrator(context.SystemService, context.UserId))
        {
            throw new InvalidPluginExecutionException(
                "Only holders of the solution's creditOS Credit Administrator role route typed credit limit requests; a sales rep asks for a limit on the account's Credit tab (cos_RequestCreditLimit).");
        }

        var type = (CreditApprovalRequestType)context.GetInputParameter<int>(Api.Request.RequestType);
        if (type is not (CreditApprovalRequestType.InitialLimit or CreditApprovalRequestType.LimitIncrease))
        {
            throw new InvalidPluginExecutionException($"A routed credit limit request is an initial limit or a limit increase; request type {(int)type} was given.");
        }

        var limit = context.GetInputParameter<Money>(Api.Request.RequestedLimit) ?? throw new InvalidPluginExecutionException("Route credit limit request needs the requested limit.");
        var request = new CreditLimitRequest(
            context.TargetReference,
            type,
            limit.Value,
            context.GetInputParameter<string>(Api.Request.Reason) ?? string.Empty,
            context.GetInputParameter<DateTime?>(Api.Request.TemporaryUntil),
            context.GetInputParameter<DateTime?>(Api.Request.ReviewOn),
            context.UserId);
        var outcome = CreditLimitRequestRouter.Route(context.SystemService, request, context.OperationCreatedOn);
        context.SetOutputParameter(Api.Response.RequiresApproval, outcome.Request is not null);
        if (outcome.Request is not null)
        {
            context.SetOutputParameter(Api.Response.ApprovalRequest, outcome.Request);
        }
    }
}
