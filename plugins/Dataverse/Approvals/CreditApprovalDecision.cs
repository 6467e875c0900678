using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// The one decision path for credit approval requests (the Custom API cos_DecideCreditApproval runs it; nothing else
/// records a decision). In order, before anything is written:
/// <list type="number">
/// <item>the request is still Finance's to decide: pending, escalated or answered by the sales rep (not waiting for
/// the rep's answer, not decided, not cancelled);</item>
/// <item>the caller may decide it (<see cref="DecisionAuthority"/>: a Finance approver by role identity or team, never on
/// a request they raised nor an order they own or entered);</item>
/// <item>a rejection and a question carry a comment, and so does an approval above the route's
/// <c>cos_commentrequiredabove</c> (of the order amount, or of the requested limit), or of an initial limit flagged as a
/// possible duplicate of an existing customer (controls round 14, engine <c>LikelyDuplicate</c>);</item>
/// <item>a temporary limit and its review date come only with an approval and hold <see cref="DecisionTermsRules"/>
/// (positive, review date in the future and within the route's <c>cos_temporarylimitmaxdays</c>);</item>
/// <item>an order request's order is still the one it shows: open, on hold, same customer, amount and currency
/// (<see cref="OrderRequestFigures"/>);</item>
/// <item>a limit approved differently than requested stays within the request: at most the policy cap of an initial
/// limit, at most the limit asked for on an increase, a review or a group limit;</item>
/// <item>what the decision puts in force (an order's exposure or temporary limit, a limit, a group limit, the limit a
/// rejected review keeps) is within the approver's approval authority (<see cref="ApprovalAuthorityCheck"/>, the matrix
/// the Credit Administrator keeps in cos_approvalauthority).</item>
/// </list>
/// Then the request records the decision, decider and time, and the decision is applied
/// (<see cref="CreditDecisionApplier"/>), all in the caller's transaction through the SYSTEM service it is given, so the
/// credit flow's writes pass the credit column guard and a failure anywhere leaves nothing written.
/// </summary>
public static class CreditApprovalDecision
{
    /// <param name="system">An organization service running as SYSTEM (CreateOrganizationService(null)).</param>
    /// <param name="callerId">The user deciding (the Custom API's caller).</param>
    public static string Decide(IOrganizationService system, Guid callerId, EntityReference requestReference, CreditDecisionKind decision, DecisionTerms terms, DateTime now)
    {
        var request = ApprovalRequestStore.RetrieveForDecision(system, requestReference, callerId);
        var name = request.GetAttributeValue<string>(RequestFields.Name) ?? request.Id.ToString();
        var status = request.GetAttributeValue<OptionSetValue>(RequestFields.ApprovalStatus)?.Value;
        var active = request.GetAttributeValue<OptionSetValue>(RequestFields.StateCode)?.Value != (int)CreditApprovalRequestState.Inactive;
        if (!active || !ApprovalStatuses.IsOpen(status))
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}' is already {Label(status)}; a decision is final. Raise a new request if the situation changed.");
        }

        if (!ApprovalStatuses.IsDecidable(status))
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}' is waiting for the sales rep's answer to: \"{request.GetAttributeValue<string>(RequestFields.InformationRequest)}\". It can be decided once they answer.");
        }

        DecisionAuthority.EnsureMayDecide(system, callerId, request);
        var comment = terms.TrimmedComment;
        var route = new Lazy<ApprovalRoute>(() => RouteOf(system, request));
        EnsureCommented(request, name, decision, comment, route);
        DecisionTermsRules.Ensure(request, name, decision, terms, now, route);
        if (decision == CreditDecisionKind.AskForInformation)
        {
            AskForInformation(system, request, name, comment!, now);
            return nameof(CreditApprovalStatus.MoreInformationRequested);
        }

        // The order may have changed since the request was raised (its routing runs in the background).
        OrderRequestFigures.EnsureOrderUnchanged(request, name);
        var approved = decision == CreditDecisionKind.Approve;

        var recorded = new Entity(CreditApprovalRequest.EntityLogicalName, request.Id)
        {
            [RequestFields.ApprovalStatus] = new OptionSetValue((int)(approved ? CreditApprovalStatus.Approved : CreditApprovalStatus.Rejected)),
            [RequestFields.DecidedBy] = new EntityReference(SystemUser.EntityLogicalName, callerId),
            [RequestFields.DecidedOn] = now,
            [RequestFields.DecisionComment] = comment,
        };
        if (terms.TemporaryLimit is { } temporary)
        {
            recorded[RequestFields.TemporaryLimit] = new Money(temporary);
        }

        if (terms.TemporaryLimitExpiresOn is { } expires)
        {
            recorded[RequestFields.TemporaryLimitExpiresOn] = expires;
        }

        if (terms.LimitReviewOn is { } review)
        {
            recorded[RequestFields.LimitReviewOn] = review;
        }

        if (approved)
        {
            EnsureLimitWithinAuthority(request, name, terms.ApprovedLimit, comment);
        }
        else if (terms.ApprovedLimit is not null)
        {
            throw new InvalidPluginExecutionException($"Credit approval request '{name}': a limit is approved with an approval, not a rejection.");
        }

        if (terms.ApprovedLimit is { } changedLimit)
        {
            recorded[RequestFields.ApprovedLimit] = new Money(changedLimit);
        }

        // Last, once the decision is otherwise valid: what it puts in force is within the approver's authority, or the
        // request stays open for an approver whose authority covers it.
        ApprovalAuthorityCheck.Ensure(system, callerId, request, name, approved, terms);
        system.Update(recorded);
        foreach (var column in recorded.Attributes)
        {
            request[column.Key] = column.Value;
        }

        CreditDecisionApplier.Apply(system, request, approved, now);
        return approved ? nameof(CreditApprovalStatus.Approved) : nameof(CreditApprovalStatus.Rejected);
    }

    private static void EnsureCommented(Entity request, string name, CreditDecisionKind decision, string? comment, Lazy<ApprovalRoute> route)
    {
        if (comment is not null)
        {
            return;
        }

        switch (decision)
        {
            case CreditDecisionKind.Reject:
                throw new InvalidPluginExecutionException($"Rejecting credit approval request '{name}' needs a comment: the sales rep is told why.");
            case CreditDecisionKind.AskForInformation:
                throw new InvalidPluginExecutionException($"Asking the sales rep about credit approval request '{name}' needs the question as the comment.");
        }

        // Controls round 14 (session 21): an initial limit for a company that may already be a customer (engine
        // LikelyDuplicate, flagged by the assessment) is approved only with Finance's reason for calling it another company.
        if (CreditEngine.Applications.LikelyDuplicate.UncommentedApprovalRefusal(
                name, request.GetAttributeValue<string>(RequestFields.ReasonCode), request.GetAttributeValue<string>(RequestFields.DecisionReason)) is { } duplicate)
        {
            throw new InvalidPluginExecutionException(duplicate);
        }

        // Controls round 16 (session 23): an initial limit whose bureau report is of a company registered under another name
        // (engine BureauIdentity) is approved only with Finance's word on how the applicant's identity was confirmed.
        if (CreditEngine.Applications.BureauIdentity.UncommentedApprovalRefusal(name, request.GetAttributeValue<string>(RequestFields.ReasonCode)) is { } identity)
        {
            throw new InvalidPluginExecutionException(identity);
        }

        var amount = AmountDecided(request);
        var threshold = route.Value.CommentRequiredAbove;
        if (threshold is { } above && amount > above)
        {
            throw new InvalidPluginExecutionException(
                $"Approving credit approval request '{name}' for {ApprovalText.Amount(amount)} needs a comment: the approval route requires one above {ApprovalText.Amount(above)}.");
        }
    }

    // The route of the request's customer (its group joined into the request's read): its comment threshold and the
    // longest temporary limit it allows (read only when needed).
    private static ApprovalRoute RouteOf(IOrganizationService system, Entity request) =>
        ApprovalRoute.For(system, request.Aliased<OptionSetValue>(ApprovalRequestStore.CustomerGroupAlias), ApprovalSettings.Read(system));

    /// <summary>
    /// Finance changes the limit of a limit request within its authority: a positive amount no higher than the request's
    /// policy cap (an initial limit) or than what was asked (an increase, a group limit; a review: the higher of the
    /// proposed and the current limit), with a comment saying why. An initial limit whose assessment recommended declining (requested 0) is
    /// approved only with the limit Finance sets.
    /// </summary>
    private static void EnsureLimitWithinAuthority(Entity request, string name, decimal? approvedLimit, string? comment)
    {
        var type = (CreditApprovalRequestType?)request.GetAttributeValue<OptionSetValue>(RequestFields.RequestType)?.Value;
        var requested = request.GetAttributeValue<Money>(RequestFields.RequestedLimit)?.Value ?? 0m;
        if (approvedLimit is not { } limit)
        {
            if (type == CreditApprovalRequestType.InitialLimit && requested <= 0
                && CreditEngine.Applications.BureauIdentity.UncommentedApprovalRefusal(name, request.GetAttributeValue<string>(RequestFields.ReasonCode)) is not null)
            {
                // Controls round 22 (session 29): the assessment's limit on a report that may be another company's is in
                // the verification only, so the request carries no limit to approve as it stands.
                throw new InvalidPluginExecutionException(
                    $"Credit approval request '{name}': the bureau's report may be another company's, so the request carries no limit (the assessment on its figures is in the verification). Approve with the limit you grant ({DecideCreditApprovalApi.Request.ApprovedLimit}) and a comment saying how the applicant's identity was confirmed, or reject.");
            }

            if (type == CreditApprovalRequestType.InitialLimit && requested <= 0)
            {
                throw new InvalidPluginExecutionException(
                    $"Credit approval request '{name}': the assessment recommends declining, so there is no limit to approve. Reject it, or approve with the limit you grant ({DecideCreditApprovalApi.Request.ApprovedLimit}) and a comment.");
            }

            return;
        }

        if (type == CreditApprovalRequestType.Order)
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}' is for an order: release it (with a temporary limit if needed); a different limit is approved on a limit request.");
        }

        if (limit <= 0)
        {
            throw new InvalidPluginExecutionException($"Credit approval request '{name}': the approved limit must be positive, but is {ApprovalText.Amount(limit)}; reject the request instead.");
        }

        if (request.GetAttributeValue<Money>(RequestFields.LimitCap)?.Value is { } cap && limit > cap)
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}': {ApprovalText.Amount(limit)} is above the policy cap of {ApprovalText.Amount(cap)}, the most an initial limit may be; approve at most {ApprovalText.Amount(cap)}.");
        }

        // Finance decides what was asked: granting more than the request (or, on a review, more than both the limit in
        // force and the one proposed) is a limit nobody requested and no second person looked at; that takes a new request.
        var asked = type == CreditApprovalRequestType.LimitReview
            ? Math.Max(requested, request.GetAttributeValue<Money>(RequestFields.CreditLimit)?.Value ?? 0m)
            : requested;
        if ((type is CreditApprovalRequestType.LimitIncrease or CreditApprovalRequestType.LimitReview or CreditApprovalRequestType.GroupLimitIncrease) && limit > asked)
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}': {ApprovalText.Amount(limit)} is more than the {ApprovalText.Amount(asked)} "
                + (type == CreditApprovalRequestType.LimitReview ? "the review proposes or the customer already has" : "requested")
                + $"; approve at most {ApprovalText.Amount(asked)}, or ask the sales rep for a new request for more.");
        }

        if (limit != requested && comment is null)
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}': approving {ApprovalText.Amount(limit)} instead of the {ApprovalText.Amount(requested)} requested needs a comment saying why.");
        }
    }

    // An order request is decided on the order amount, a limit request on the limit asked for.
    private static decimal AmountDecided(Entity request) =>
        (CreditApprovalRequestType?)request.GetAttributeValue<OptionSetValue>(RequestFields.RequestType)?.Value == CreditApprovalRequestType.Order
            ? request.GetAttributeValue<Money>(RequestFields.OrderAmount)?.Value ?? 0m
            : request.GetAttributeValue<Money>(RequestFields.ApprovedLimit)?.Value ?? request.GetAttributeValue<Money>(RequestFields.RequestedLimit)?.Value ?? 0m;

    private static void AskForInformation(IOrganizationService system, Entity request, string name, string question, DateTime now)
    {
        system.Update(new Entity(CreditApprovalRequest.EntityLogicalName, request.Id)
        {
            [RequestFields.ApprovalStatus] = new OptionSetValue((int)CreditApprovalStatus.MoreInformationRequested),
            [RequestFields.InformationRequest] = question,
        });
        SalesRepNotifier.AskForInformation(system, request, name, question, now);
        CreditApplicationOutcome.AwaitInformation(system, request, question, now);
    }

    private static string Label(int? status) => status switch
    {
        (int)CreditApprovalStatus.Approved => "approved",
        (int)CreditApprovalStatus.Rejected => "rejected",
        (int)CreditApprovalStatus.Cancelled => "cancelled",
        _ => "closed",
    };
}
