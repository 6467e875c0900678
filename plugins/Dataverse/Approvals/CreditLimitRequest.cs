using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Approvals;

/// <summary>A limit Finance is asked to set: the initial limit of a new customer, an increase, or a review of a limit a rescoring computed.</summary>
public sealed class CreditLimitRequest
{
    public CreditLimitRequest(EntityReference account, CreditApprovalRequestType type, decimal requestedLimit, string reason, DateTime? temporaryUntil, DateTime? reviewOn, Guid? requestedBy, Entity? verification = null)
    {
        Account = account ?? throw new InvalidPluginExecutionException("A credit limit request needs the account.");
        if (type == CreditApprovalRequestType.Order)
        {
            throw new InvalidPluginExecutionException("A credit limit request is of type initial limit or limit increase, not order.");
        }

        // A limit review may propose 0; an initial limit whose assessment recommends declining asks Finance for 0 (Finance
        // then rejects it, or approves a limit it sets itself).
        var zeroAllowed = type == CreditApprovalRequestType.LimitReview || (type == CreditApprovalRequestType.InitialLimit && verification is not null);
        if (requestedLimit < 0 || (requestedLimit == 0 && !zeroAllowed))
        {
            throw new InvalidPluginExecutionException($"The requested credit limit must be positive, but is {ApprovalText.Amount(requestedLimit)}.");
        }

        Type = type;
        RequestedLimit = requestedLimit;
        Reason = string.IsNullOrWhiteSpace(reason) ? throw new InvalidPluginExecutionException("A credit limit request needs a reason (the verification or recommendation behind it).") : reason;
        TemporaryUntil = temporaryUntil;
        ReviewOn = reviewOn;
        RequestedBy = requestedBy;
        Verification = verification;
    }

    public EntityReference Account { get; }

    public CreditApprovalRequestType Type { get; }

    public decimal RequestedLimit { get; }

    public string Reason { get; }

    public DateTime? TemporaryUntil { get; }

    public DateTime? ReviewOn { get; }

    /// <summary>The user who asked; null for a limit review a rescoring raised.</summary>
    public Guid? RequestedBy { get; }

    /// <summary>
    /// An initial limit from a credit application: the verification columns the request carries (the application, the
    /// bureau's and the applicant's figures, the recommendation and its reasons, the policy cap), fixed with the request.
    /// </summary>
    public Entity? Verification { get; }

    /// <summary>
    /// A temporary limit may run at most as long as the customer's approval route allows (<c>cos_temporarylimitmaxdays</c>),
    /// as when Finance gives one on an order: the sales rep's request. Checked by the router with the route it reads anyway.
    /// </summary>
    public bool TemporaryWithinRoute { get; init; }
}
