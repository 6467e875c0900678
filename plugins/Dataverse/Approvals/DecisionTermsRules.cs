using System.Globalization;
using CreditOS.CreditEngine.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// What Finance may add to a decision, checked on the server before anything is written: a temporary limit and its
/// review date (<c>TemporaryLimitExpiresOn</c>) go only with an approval; the limit is a positive amount; the review
/// date is after the decision and at most the route's <c>cos_temporarylimitmaxdays</c> away (so a "temporary" limit is
/// never a permanent one by another name); an order's temporary limit needs its review date, and a review date alone
/// means nothing on an order; an order's temporary limit is never more than the release asks for
/// (<see cref="OrderReleaseTerms"/>: the limit plus the order, or the exposure with the order when higher). A limit request's approval makes the requested limit temporary with the date alone.
/// </summary>
public static class DecisionTermsRules
{
    public static void Ensure(Entity request, string name, CreditDecisionKind decision, DecisionTerms terms, DateTime now, Lazy<ApprovalRoute> route)
    {
        var limit = terms.TemporaryLimit;
        var reviewOn = terms.TemporaryLimitExpiresOn;
        if (limit is null && reviewOn is null)
        {
            return;
        }

        if (decision != CreditDecisionKind.Approve)
        {
            throw Refused(name, $"a temporary limit and its review date are granted with an approval, not with {(decision == CreditDecisionKind.Reject ? "a rejection" : "a question to the sales rep")}.");
        }

        var isOrder = (CreditApprovalRequestType?)request.GetAttributeValue<OptionSetValue>(RequestFields.RequestType)?.Value == CreditApprovalRequestType.Order;
        if (limit is { } amount)
        {
            if (!isOrder)
            {
                throw Refused(name, "a limit request's approval sets the requested limit; give only its review date (TemporaryLimitExpiresOn) to make it temporary.");
            }

            if (amount <= 0)
            {
                throw Refused(name, $"the temporary limit must be a positive amount (got {ApprovalText.Amount(amount)}).");
            }

            // Never more than the release asks for (the approver's authority is checked with the decision's other stakes).
            if (OrderReleaseTerms.Refusal(
                    amount,
                    request.GetAttributeValue<Money>(RequestFields.CreditLimit)?.Value ?? 0m,
                    request.GetAttributeValue<Money>(RequestFields.Exposure)?.Value ?? 0m,
                    request.GetAttributeValue<Money>(RequestFields.OrderAmount)?.Value ?? 0m) is { } tooMuch)
            {
                throw Refused(name, tooMuch);
            }

            if (reviewOn is null)
            {
                throw Refused(name, $"the temporary limit of {ApprovalText.Amount(amount)} needs its review date (TemporaryLimitExpiresOn): a temporary limit without an expiry date would never end.");
            }
        }
        else if (isOrder)
        {
            throw Refused(name, "a review date without a temporary limit changes nothing on an order; give the temporary limit too, or neither.");
        }

        var date = reviewOn!.Value;
        if (date <= now)
        {
            throw Refused(name, $"the temporary limit's review date {Day(date)} is not in the future (today is {Day(now)}).");
        }

        var maxDays = route.Value.TemporaryLimitMaxDays;
        var latest = now.AddDays(maxDays);
        if (date > latest)
        {
            throw Refused(
                name,
                $"the temporary limit's review date {Day(date)} is {(int)Math.Ceiling((date - now).TotalDays)} days away; the approval route allows at most {maxDays} days (until {Day(latest)}, cos_temporarylimitmaxdays).");
        }
    }

    private static InvalidPluginExecutionException Refused(string name, string reason) =>
        new($"Credit approval request '{name}': {reason}");

    private static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
