using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Framework.Registration;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Api = CreditOS.Dataverse.Approvals.DecideCreditApprovalApi;

namespace CreditOS.Workflows.Plugins;

/// <summary>
/// The main operation of the bound Custom API cos_DecideCreditApproval: Finance's Approve, Reject and Ask for more
/// information commands. The caller is checked as the decider (<see cref="CreditApprovalDecision"/>); the decision and
/// its effects are written as SYSTEM in the API's own transaction, so they pass the credit column guard and are all or
/// nothing. It lives beside the request guard, in the approval feature's assembly.
/// Budget (<see cref="MaximumCalls"/>, held by DecideCreditApprovalBudgetTests): at most 13 calls, for an order approved
/// with a temporary limit by a Finance approver through the team (the request with its customer's group and its order's
/// owner and creator in one query, role, team, settings and routes for the term rules, the recorded decision, order,
/// account read and written with its exposure columns, history, close, queue items read and removed). It was 16 before
/// the customer's group and the order's owner were joined into the request's read. Since session 8 an approved order
/// also runs the event-time condition monitor (utilization above): one read of the conditions, and only when a
/// utilization condition is configured the account's lock, the account and the occurrences
/// (<see cref="CreditOS.Dataverse.Credit.Collections.FollowUp.EventConditionMonitor.OrderReleaseReadCalls"/>, 4) plus one
/// task per new occurrence. Since session 11 an approval (and the rejection of a limit review) reads the approver's
/// approval authority (<see cref="ApprovalAuthorityCheck.Calls"/>, 2: the matrix rows and, when team rows exist, the
/// approver's memberships of those teams); the customer's exposure and limit and the currency's rate are joined into the
/// request's read.
/// </summary>
[CustomApi(Api.UniqueName, BoundEntity = CreditApprovalRequest.EntityLogicalName,
    Description = "Finance approves or rejects a credit approval request, or asks the sales rep for more information.")]
[CustomApiRequestParameter(Api.Request.Decision, CustomApiFieldType.String)]
[CustomApiRequestParameter(Api.Request.Comment, CustomApiFieldType.String, IsOptional = true)]
[CustomApiRequestParameter(Api.Request.TemporaryLimit, CustomApiFieldType.Money, IsOptional = true)]
[CustomApiRequestParameter(Api.Request.TemporaryLimitExpiresOn, CustomApiFieldType.DateTime, IsOptional = true)]
[CustomApiRequestParameter(Api.Request.LimitReviewOn, CustomApiFieldType.DateTime, IsOptional = true)]
[CustomApiRequestParameter(Api.Request.ApprovedLimit, CustomApiFieldType.Money, IsOptional = true)]
[CustomApiResponseProperty(Api.Response.Outcome, CustomApiFieldType.String)]
public sealed class DecideCreditApprovalPlugin : PluginBase
{
    /// <summary>The call budget DecideCreditApprovalBudgetTests hold (see the class summary for what the calls are).</summary>
    public const int MaximumCalls = 13 + CreditOS.Dataverse.Credit.Collections.FollowUp.EventConditionMonitor.OrderReleaseReadCalls + ApprovalAuthorityCheck.Calls;

    public DecideCreditApprovalPlugin(string? unsecureConfiguration, string? secureConfiguration)
        : base(unsecureConfiguration, secureConfiguration)
    {
    }

    protected override void ExecuteCrmPlugin(LocalPluginContext context)
    {
        var decision = CreditDecisionKinds.Parse(context.GetInputParameter<string>(Api.Request.Decision));
        var terms = new DecisionTerms(
            context.GetInputParameter<string>(Api.Request.Comment),
            context.GetInputParameter<Money>(Api.Request.TemporaryLimit)?.Value,
            context.GetInputParameter<DateTime?>(Api.Request.TemporaryLimitExpiresOn),
            context.GetInputParameter<DateTime?>(Api.Request.LimitReviewOn),
            context.GetInputParameter<Money>(Api.Request.ApprovedLimit)?.Value);
        var outcome = CreditApprovalDecision.Decide(context.SystemService, context.UserId, context.TargetReference, decision, terms, context.OperationCreatedOn);
        context.Trace("Request {0}: {1} by {2}", context.TargetReference.Id, outcome, context.UserId);
        context.SetOutputParameter(Api.Response.Outcome, outcome);
    }
}
