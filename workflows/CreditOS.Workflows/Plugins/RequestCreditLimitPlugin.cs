using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Api = CreditOS.Dataverse.Approvals.RequestCreditLimitApi;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_RequestCreditLimit: a sales rep asks for a different limit
/// (<see cref="SalesRepLimitRequest"/>). A plug-in, not the workflow activity itself, applies what needs no approval:
/// in Dataverse a custom workflow activity's services all run as the process's user, which the credit column guard
/// refuses, while a plug-in's <c>CreateOrganizationService(null)</c> is SYSTEM. The activity RouteCreditLimitRequest
/// calls this API from the real-time process "creditOS: Route credit limit request".
/// Budget (<see cref="MaximumCalls"/>, held by WorkflowStepBudgetTests): <see cref="SalesRepLimitRequest.MaximumCalls"/>;
/// it was 11 with a temporary date, when the account, settings and routes were read twice.
/// </summary>
[CustomApi(Api.UniqueName, BoundEntity = Account.EntityLogicalName,
    Description = "A sales rep asks Finance for a different credit limit on the account (a small increase is applied at once).")]
[CustomApiRequestParameter(Api.Request.RequestedLimit, CustomApiFieldType.Money)]
[CustomApiRequestParameter(Api.Request.Reason, CustomApiFieldType.String)]
[CustomApiRequestParameter(Api.Request.TemporaryUntil, CustomApiFieldType.DateTime, IsOptional = true)]
[CustomApiResponseProperty(Api.Response.RequiresApproval, CustomApiFieldType.Boolean)]
[CustomApiResponseProperty(Api.Response.ApprovalRequest, CustomApiFieldType.EntityReference, EntityLogicalName = CreditApprovalRequest.EntityLogicalName)]
public sealed class RequestCreditLimitPlugin : PluginBase
{
    public const int MaximumCalls = SalesRepLimitRequest.MaximumCalls;

    public RequestCreditLimitPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var outcome = SalesRepLimitRequest.Route(
            context.SystemService,
            context.UserService,
            context.UserId,
            context.TargetReference,
            context.GetInputParameter<Money>(Api.Request.RequestedLimit)?.Value,
            context.GetInputParameter<string>(Api.Request.Reason),
            context.GetInputParameter<DateTime?>(Api.Request.TemporaryUntil),
            context.OperationCreatedOn);
        context.Trace("Limit request on account {0} by {1}: {2}", context.TargetReference.Id, context.UserId, outcome.Request is null ? "applied at once" : "sent to Finance as " + outcome.Request.Id);
        context.SetOutputParameter(Api.Response.RequiresApproval, outcome.Request is not null);
        if (outcome.Request is not null)
        {
            context.SetOutputParameter(Api.Response.ApprovalRequest, outcome.Request);
        }
    }
}
