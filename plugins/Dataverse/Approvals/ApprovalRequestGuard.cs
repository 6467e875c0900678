using CreditOS.Dataverse.Credit.Guards;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// What may happen to a credit approval request, enforced before the save:
/// <list type="bullet">
/// <item>Only the credit flow (<see cref="CreditFlowIdentity"/>) creates requests, and always pending and undecided.</item>
/// <item>What the request is about (type, order, account, amount, the figures at the time of the request, reasons, who
/// raised it and when) never changes after creation: a pending request cannot be repointed at another order or
/// rewritten by its raiser.</item>
/// <item>Its status moves only through the credit flow: decisions (approve, reject, ask for more information) through
/// the one decision path, the Custom API cos_DecideCreditApproval (<see cref="CreditApprovalDecision"/>), which checks
/// the approver and writes as SYSTEM; escalation, cancellation, queue, due time and closing are the credit flow's too.
/// A person setting the status directly is refused whatever their roles.</item>
/// <item>The decision's own columns (comment, temporary limit and expiry, review date) change only with the status.</item>
/// <item>Finance's question and the sales rep's answer are written by the credit flow too: the rep answers through the
/// Custom API cos_AnswerCreditApprovalQuestion, which checks they are the one asked.</item>
/// <item>Saving the status the request already has is no change: it is dropped from the save.</item>
/// </list>
/// </summary>
public static class ApprovalRequestGuard
{
    public static readonly IReadOnlyList<string> FixedAtCreation =
    [
        RequestFields.RequestType, RequestFields.SalesOrderId, RequestFields.AccountId, RequestFields.OrderAmount, RequestFields.CreditLimit,
        RequestFields.Exposure, RequestFields.AvailableCredit, RequestFields.RequestedLimit, RequestFields.DecisionReason, RequestFields.ReasonCode,
        RequestFields.RequestedBy, RequestFields.RequestedOn, RequestFields.TransactionCurrencyId,
        RequestFields.OverdueAmount, RequestFields.UtilizationWithOrder, RequestFields.RiskLevel, RequestFields.TierName,
        RequestFields.CreditApplicationId, RequestFields.LimitCap, RequestFields.Creditworthiness, RequestFields.RecommendedTermsDays,
        RequestFields.BureauSolvencyScore, RequestFields.BureauRating, RequestFields.BureauRecommendedCredit, RequestFields.BureauDbtScore, RequestFields.BureauJudgmentReported,
        RequestFields.ApplicantRevenue, RequestFields.ApplicantEquity, RequestFields.ApplicantCurrentRatio, RequestFields.ApplicantYearsTrading, RequestFields.Verification,
    ];

    public static readonly IReadOnlyList<string> CreditFlowOnly =
    [
        RequestFields.DecidedBy, RequestFields.DecidedOn, RequestFields.EscalatedOn, RequestFields.QueueId, RequestFields.DueBy,
        RequestFields.StateCode, RequestFields.StatusCode, RequestFields.InformationRequest, RequestFields.InformationResponse,
    ];

    public static readonly IReadOnlyList<string> DecisionColumns =
    [
        RequestFields.DecisionComment, RequestFields.TemporaryLimit, RequestFields.TemporaryLimitExpiresOn, RequestFields.LimitReviewOn, RequestFields.ApprovedLimit,
    ];

    /// <summary>The pre-image the update step registers.</summary>
    public const string ImageColumns =
        RequestFields.Name + "," + RequestFields.ApprovalStatus + ","
        + RequestFields.RequestType + "," + RequestFields.SalesOrderId + "," + RequestFields.AccountId + "," + RequestFields.OrderAmount + ","
        + RequestFields.CreditLimit + "," + RequestFields.Exposure + "," + RequestFields.AvailableCredit + "," + RequestFields.RequestedLimit + ","
        + RequestFields.DecisionReason + "," + RequestFields.ReasonCode + "," + RequestFields.RequestedBy + "," + RequestFields.RequestedOn + ","
        + RequestFields.TransactionCurrencyId + ","
        + RequestFields.OverdueAmount + "," + RequestFields.UtilizationWithOrder + "," + RequestFields.RiskLevel + "," + RequestFields.TierName + ","
        + RequestFields.InformationRequest + "," + RequestFields.InformationResponse + ","
        + RequestFields.DecidedBy + "," + RequestFields.DecidedOn + "," + RequestFields.EscalatedOn + "," + RequestFields.QueueId + "," + RequestFields.DueBy + ","
        + RequestFields.StateCode + "," + RequestFields.StatusCode + ","
        + RequestFields.DecisionComment + "," + RequestFields.TemporaryLimit + "," + RequestFields.TemporaryLimitExpiresOn + "," + RequestFields.LimitReviewOn + ","
        + RequestFields.CreditApplicationId + "," + RequestFields.LimitCap + "," + RequestFields.Creditworthiness + "," + RequestFields.RecommendedTermsDays + ","
        + RequestFields.BureauSolvencyScore + "," + RequestFields.BureauRating + "," + RequestFields.BureauRecommendedCredit + "," + RequestFields.BureauDbtScore + ","
        + RequestFields.BureauJudgmentReported + "," + RequestFields.ApplicantRevenue + "," + RequestFields.ApplicantEquity + "," + RequestFields.ApplicantCurrentRatio + ","
        + RequestFields.ApplicantYearsTrading + "," + RequestFields.Verification + "," + RequestFields.ApprovedLimit;

    public static void GuardCreate(Entity target, Func<bool> isCreditFlow)
    {
        var name = target.GetAttributeValue<string>(RequestFields.Name) ?? "new request";
        if (!isCreditFlow())
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}' cannot be created by hand: the credit flow raises requests for held orders and limit requests, with the figures they are decided on.");
        }

        var status = target.GetAttributeValue<OptionSetValue>(RequestFields.ApprovalStatus)?.Value;
        if (status is not null and not (int)CreditApprovalStatus.Pending || target.GetAttributeValue<EntityReference>(RequestFields.DecidedBy) is not null || target.Contains(RequestFields.DecidedOn) && target[RequestFields.DecidedOn] is not null)
        {
            throw new InvalidPluginExecutionException($"Credit approval request '{name}' must be created pending and undecided; Finance decides it afterwards.");
        }

        target[RequestFields.ApprovalStatus] = new OptionSetValue((int)CreditApprovalStatus.Pending);
    }

    public static void GuardUpdate(Entity target, Entity before, Func<bool> isCreditFlow)
    {
        var name = before.GetAttributeValue<string>(RequestFields.Name) ?? before.Id.ToString();
        var next = target.GetAttributeValue<OptionSetValue>(RequestFields.ApprovalStatus)?.Value;
        var previous = before.GetAttributeValue<OptionSetValue>(RequestFields.ApprovalStatus)?.Value;
        if (target.Contains(RequestFields.ApprovalStatus) && next == previous)
        {
            target.Attributes.Remove(RequestFields.ApprovalStatus);
        }

        var statusChanges = target.Contains(RequestFields.ApprovalStatus);
        var fixedChanged = Changed(target, before, FixedAtCreation);
        if (fixedChanged.Count > 0)
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}' cannot be changed: {string.Join(", ", fixedChanged)} {(fixedChanged.Count == 1 ? "is" : "are")} fixed when the request is raised. A changed order gets a new request.");
        }

        var decisionChanged = Changed(target, before, DecisionColumns);
        if (decisionChanged.Count > 0 && !statusChanges)
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}': {string.Join(", ", decisionChanged)} {(decisionChanged.Count == 1 ? "is" : "are")} recorded with the decision itself; approve or reject with them.");
        }

        var creditFlowChanged = Changed(target, before, CreditFlowOnly);
        if ((creditFlowChanged.Count > 0 || statusChanges) && !isCreditFlow())
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}': its status"
                + (creditFlowChanged.Count > 0 ? $" and {string.Join(", ", creditFlowChanged)}" : string.Empty)
                + $" change only through the credit flow. Finance decides with the Approve, Reject and Ask for more information commands (Custom API {DecideCreditApprovalApi.UniqueName}), which check the approver; the sales rep answers a question with the Answer Finance command ({AnswerCreditApprovalQuestionApi.UniqueName}); escalation, cancellation and closing are automatic.");
        }

        if (statusChanges && !ApprovalStatuses.IsOpen(previous))
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}' is already {Describe(previous)}; a decision is final. Raise a new request if the situation changed.");
        }

        if (statusChanges && next is null or (int)CreditApprovalStatus.Pending)
        {
            throw new InvalidPluginExecutionException($"Credit approval request '{name}' cannot be put back to pending.");
        }

        if (statusChanges && ApprovalStatuses.IsDecision(next))
        {
            EnsureTemporaryLimitHasExpiry(target, before, name);
        }
    }

    private static List<string> Changed(Entity target, Entity before, IReadOnlyList<string> columns) =>
        columns.Where(column => target.Contains(column) && !CreditColumnGuard.SameValue(target[column], before.Contains(column) ? before[column] : null)).ToList();

    // Checked here, before anything is saved, so the decision is never recorded without the process being able to apply it.
    private static void EnsureTemporaryLimitHasExpiry(Entity target, Entity before, string name)
    {
        var limit = (target.Contains(RequestFields.TemporaryLimit) ? target : before).GetAttributeValue<Money>(RequestFields.TemporaryLimit);
        var expiry = (target.Contains(RequestFields.TemporaryLimitExpiresOn) ? target : before).GetAttributeValue<DateTime?>(RequestFields.TemporaryLimitExpiresOn);
        if (limit is not null && expiry is null)
        {
            throw new InvalidPluginExecutionException(
                $"Credit approval request '{name}' grants a temporary limit without an expiry date; set 'Temporary limit expires on'.");
        }
    }

    private static string Describe(int? status) => status switch
    {
        (int)CreditApprovalStatus.MoreInformationRequested => "waiting for the sales rep's answer",
        (int)CreditApprovalStatus.InformationProvided => "answered by the sales rep",
        { } value when Enum.IsDefined(typeof(CreditApprovalStatus), value) => ((CreditApprovalStatus)value).ToString().ToLowerInvariant(),
        _ => "closed",
    };
}
