using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Exposure;
using CreditOS.CreditEngine.Limits;
using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Rescoring;

/// <summary>
/// The limit a rescoring puts in force, by the engine's rule (<see cref="LimitAdjustmentAdvisor.ReviewChange"/>): a
/// cut beyond the policy's step or below what the customer owes, or an increase above the policy's amount, keeps the
/// current limit (or steps down gradually) and goes to Finance as a limit review through the limit-request path
/// (<see cref="CreditLimitRequestRouter"/>, one open review per account).
/// </summary>
public static class RescoredLimit
{
    /// <summary>Calls when a review is raised or still pending: the router's account read, settings and open-request lookup; a new one adds route, create and queue.</summary>
    public const int ReviewCalls = 6;

    public static LimitChangeDecision Decide(AccountCreditRecord account, CreditAssessment assessment, HistoryReading reading, DateTime now)
    {
        var current = account.Row.MoneyOrNull(Account.Fields.CreditLimit);

        // The limit is Finance's while its approval is in force, and the review date of an approval that set the
        // current limit is itself the review: the engine's limit then applies as it is.
        var financeDecided = account.FinanceDecisionOn(now).FinanceApprovedLimit is not null || (account.ApprovedLimit is { } approved && approved == current);
        var exposure = ExposureFigures.OfAccount(reading.Summary.Aging.Total, reading.Summary.OpenOrdersNotInvoiced, account.Limit, now).Exposure;
        return LimitAdjustmentAdvisor.ReviewChange(current, assessment, exposure, financeDecided, account.CurrencyCode ?? reading.Summary.Currency);
    }

    public static void RaiseReview(IOrganizationService service, ITracingService tracing, AccountCreditRecord account, LimitRecommendation review, DateTime now)
    {
        var outcome = CreditLimitRequestRouter.Route(service, RequestOf(account.Id, review), now);
        tracing.Trace("Limit review for account {0}: {1} ({2}).", account.Id, review.Reason, outcome.Created ? "sent to Finance" : "already with Finance");
    }

    /// <summary>The limit review a rescoring asks Finance for (both paths: <see cref="RaiseReview"/>, <see cref="PageLimitReviews"/>).</summary>
    internal static CreditLimitRequest RequestOf(Guid accountId, LimitRecommendation review) => new(
        new EntityReference(Account.EntityLogicalName, accountId),
        CreditApprovalRequestType.LimitReview,
        review.RecommendedLimit,
        review.Reason,
        temporaryUntil: null,
        reviewOn: null,
        requestedBy: null);
}
