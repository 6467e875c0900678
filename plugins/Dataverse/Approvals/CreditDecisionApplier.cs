using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Carries out a decision <see cref="CreditApprovalDecision"/> has just recorded on a credit approval request. Approve:
/// a held order is released (with the temporary limit recorded on the account when Finance gave one); a limit request
/// sets the limit (temporary with its expiry, and the review date). Reject: the order stays stopped with the reason
/// (the order fulfilment guard keeps it from being fulfilled or invoiced) and its owner gets a task saying why; a limit
/// stays unchanged. Either way the account's credit history records decision, decider, time and comment, and the request
/// is closed and leaves its queue. It writes through the service it is given, in the caller's transaction (the Custom
/// API's), so a failure in any write leaves the order, the account, the history and the request as they were.
/// </summary>
public static class CreditDecisionApplier
{
    /// <summary>cos_holdreason's MaxLength in the solution.</summary>
    private const int HoldReasonMaxLength = 2000;

    /// <param name="request">The request as read for the decision, with the decision's columns just recorded.</param>
    public static void Apply(IOrganizationService service, Entity request, bool approved, DateTime decidedOn)
    {
        var type = (CreditApprovalRequestType?)request.GetAttributeValue<OptionSetValue>(RequestFields.RequestType)?.Value;
        if (type == CreditApprovalRequestType.Order)
        {
            ApplyToOrder(service, request, approved, decidedOn);
        }
        else
        {
            ApplyToLimit(service, request, approved, decidedOn);
        }

        ApprovalRequestStore.Close(service, request.ToEntityReference());
    }

    private static void ApplyToOrder(IOrganizationService service, Entity request, bool approved, DateTime decidedOn)
    {
        var order = request.GetAttributeValue<EntityReference>(RequestFields.SalesOrderId)
            ?? throw new InvalidPluginExecutionException($"Order approval request {request.Id} names no order.");
        var account = RequireAccount(request);
        var comment = request.GetAttributeValue<string>(RequestFields.DecisionComment);
        var decider = request.GetAttributeValue<EntityReference>(RequestFields.DecidedBy);
        if (approved)
        {
            var temporary = request.GetAttributeValue<Money>(RequestFields.TemporaryLimit)?.Value;
            var expires = request.GetAttributeValue<DateTime?>(RequestFields.TemporaryLimitExpiresOn);
            var title = temporary is { } granted
                ? $"Order released by Finance with a temporary limit of {ApprovalText.Amount(granted)} until {ApprovalText.Time(RequireExpiry(request, expires))}"
                : "Order released by Finance as a one-off";

            // The hold text would now mislead the sales rep: the order says who released it and why it had been held.
            service.Update(new Entity(SalesOrder.EntityLogicalName, order.Id)
            {
                [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)SalesOrderCreditStatus.Released),
                [SalesOrder.Fields.HoldReason] = ReleasedReason(title, comment, request.GetAttributeValue<string>(RequestFields.DecisionReason)),
                [SalesOrder.Fields.HoldReasonCode] = null,
            });
            if (temporary is { } limit)
            {
                // The account's temporary limit until its review date, with available credit and utilization rewritten
                // against it in the same transaction (the permanent limit is left as it is).
                var current = service.Retrieve(Account.EntityLogicalName, account.Id, new ColumnSet(CreditLimitWriter.AccountColumns));
                CreditLimitWriter.Apply(service, account, limit, current, RequireExpiry(request, expires), reviewOn: null, decidedOn);
            }

            CreditHistoryRecorder.Record(service, account, CreditScoreHistoryEntryType.ApprovalDecision, title, decidedOn, request.ToEntityReference(), decider, comment, null, temporary);
            return;
        }

        var reason = $"Finance rejected the order: {comment ?? "no comment given"}. Credit check: {request.GetAttributeValue<string>(RequestFields.DecisionReason) ?? "over limit"}";
        service.Update(new Entity(SalesOrder.EntityLogicalName, order.Id)
        {
            [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)SalesOrderCreditStatus.Rejected),
            [SalesOrder.Fields.HoldReason] = reason,
        });
        SalesRepNotifier.TellOrderRejected(service, order, reason, decidedOn);
        CreditHistoryRecorder.Record(service, account, CreditScoreHistoryEntryType.ApprovalDecision, "Order rejected by Finance", decidedOn, request.ToEntityReference(), decider, comment, null, null);
    }

    private static void ApplyToLimit(IOrganizationService service, Entity request, bool approved, DateTime decidedOn)
    {
        var account = RequireAccount(request);
        var comment = request.GetAttributeValue<string>(RequestFields.DecisionComment);
        var decider = request.GetAttributeValue<EntityReference>(RequestFields.DecidedBy);
        var current = service.Retrieve(Account.EntityLogicalName, account.Id, new ColumnSet(CreditLimitWriter.AccountColumns));
        var previous = current.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value;
        if (!approved)
        {
            if (previous is { } kept
                && (CreditApprovalRequestType?)request.GetAttributeValue<OptionSetValue>(RequestFields.RequestType)?.Value == CreditApprovalRequestType.LimitReview)
            {
                // Rejecting a limit review keeps the current limit as Finance's decision (until the review date), so the
                // next rescoring does not propose the same change again.
                CreditLimitWriter.Apply(service, account, kept, current, temporaryUntil: null, request.GetAttributeValue<DateTime?>(RequestFields.LimitReviewOn), decidedOn);
            }

            CreditHistoryRecorder.Record(service, account, CreditScoreHistoryEntryType.ApprovalDecision, "Credit limit request rejected by Finance; limit unchanged", decidedOn, request.ToEntityReference(), decider, comment, previous, previous);
            CreditApplicationOutcome.Record(service, request, approvedLimit: null, decidedOn, comment);
            return;
        }

        // Finance may have approved a different limit than the one requested (CreditApprovalDecision checked its authority).
        var requested = request.GetAttributeValue<Money>(RequestFields.ApprovedLimit)?.Value
            ?? request.GetAttributeValue<Money>(RequestFields.RequestedLimit)?.Value
            ?? throw new InvalidPluginExecutionException($"Credit limit request {request.Id} has no requested limit.");
        // A credit application's recommended terms go to the account with the limit (RecommendedTerms: plain net days only).
        var termsDays = request.GetAttributeValue<int?>(RequestFields.RecommendedTermsDays);
        CreditLimitWriter.Apply(
            service,
            account,
            requested,
            current,
            request.GetAttributeValue<DateTime?>(RequestFields.TemporaryLimitExpiresOn),
            request.GetAttributeValue<DateTime?>(RequestFields.LimitReviewOn),
            decidedOn,
            RecommendedTerms.PaymentTermsCode(termsDays));
        CreditHistoryRecorder.Record(service, account, CreditScoreHistoryEntryType.LimitChange, $"Credit limit set to {ApprovalText.Amount(requested)} by Finance", decidedOn, request.ToEntityReference(), decider, comment, previous, requested);
        CreditApplicationOutcome.Record(service, request, requested, decidedOn, comment);
    }

    private static EntityReference RequireAccount(Entity request) =>
        request.GetAttributeValue<EntityReference>(RequestFields.AccountId)
        ?? throw new InvalidPluginExecutionException($"Credit approval request {request.Id} names no account.");

    private static DateTime RequireExpiry(Entity request, DateTime? expires) =>
        expires ?? throw new InvalidPluginExecutionException(
            $"Credit approval request '{request.GetAttributeValue<string>(RequestFields.Name)}' grants a temporary limit without an expiry date; set 'Temporary limit expires on'.");

    private static string ReleasedReason(string title, string? comment, string? heldFor)
    {
        var note = comment?.Trim().TrimEnd('.');
        var reason = title + (note is { Length: > 0 } ? ": " + note + "." : ".") + " It had been held: " + (heldFor ?? "over limit");
        return reason.Length <= HoldReasonMaxLength ? reason : reason.Substring(0, HoldReasonMaxLength - 1) + "…";
    }
}
