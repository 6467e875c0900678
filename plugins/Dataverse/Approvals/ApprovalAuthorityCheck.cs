using CreditOS.CreditEngine.Approvals;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// The approval authority matrix in the decision path: what a decision puts in force is within the approver's
/// authority (<see cref="ApprovalAuthorityRules"/>, rows read by the one configuration reader), or it is refused with the
/// figures and nothing is written, so the request stays open in its queue for an approver whose authority covers it.
/// What is at stake (<see cref="ApprovalStake"/>): releasing an order, the customer's exposure with it (as the request
/// shows it and as it is now, the higher) or the temporary limit granted with it when higher; approving a limit request,
/// the limit (or group limit) put in force; rejecting a limit review, the limit it keeps in force as Finance's decision.
/// Rejecting anything else, and asking the sales rep a question, put nothing in force and need no authority.
/// </summary>
public static class ApprovalAuthorityCheck
{
    public const int Calls = CreditConfigurationReader.ApprovalAuthorityCalls;

    /// <param name="request">The request as <see cref="ApprovalRequestStore.RetrieveForDecision"/> read it.</param>
    public static void Ensure(IOrganizationService system, Guid approverId, Entity request, string name, bool approved, DecisionTerms terms)
    {
        if (Stake(request, approved, terms) is not { } stake)
        {
            return;
        }

        var rate = request.Aliased<decimal?>(ApprovalRequestStore.ExchangeRateAlias) ?? 1m;
        var authority = CreditConfigurationReader.ReadApprovalAuthority(system, approverId);
        if (ApprovalAuthorityRules.Refusal(stake, request.Aliased<string>(ApprovalRequestStore.CurrencyCodeAlias), rate, rate == 1m, authority) is { } refusal)
        {
            throw new InvalidPluginExecutionException($"Credit approval request '{name}': {refusal}");
        }
    }

    private static ApprovalStake? Stake(Entity request, bool approved, DecisionTerms terms)
    {
        var type = (CreditApprovalRequestType?)request.GetAttributeValue<OptionSetValue>(RequestFields.RequestType)?.Value;
        var requested = terms.ApprovedLimit ?? request.GetAttributeValue<Money>(RequestFields.RequestedLimit)?.Value ?? 0m;
        if (!approved)
        {
            // A rejected review keeps the limit in force as Finance's decision until the review date (CreditDecisionApplier).
            return type == CreditApprovalRequestType.LimitReview
                ? ApprovalStake.Limit("rejecting the review keeps in force as Finance's decision a credit limit of", Math.Max(
                    request.GetAttributeValue<Money>(RequestFields.CreditLimit)?.Value ?? 0m,
                    request.Aliased<Money>(ApprovalRequestStore.CustomerCreditLimitAlias)?.Value ?? 0m))
                : null;
        }

        return type switch
        {
            CreditApprovalRequestType.Order => ApprovalStake.OrderRelease(
                request.GetAttributeValue<Money>(RequestFields.Exposure)?.Value ?? 0m,
                request.Aliased<Money>(ApprovalRequestStore.CustomerExposureAlias)?.Value ?? 0m,
                terms.TemporaryLimit),
            CreditApprovalRequestType.GroupLimitIncrease => ApprovalStake.Limit("approving a group limit of", requested),
            _ => ApprovalStake.Limit("approving a credit limit of", requested),
        };
    }
}
