using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// A sales rep asks for a different limit on an account (cos_RequestCreditLimit). What the rep decides is the figure,
/// the reason and an optional temporary date, nothing else: the request is always a <b>limit increase</b> (an initial
/// limit comes from a credit application, a limit review from rescoring), whether it needs Finance is the router's
/// rule (<see cref="CreditLimitRequestRouter"/>, measured against the limit in the account's row, not a figure the rep
/// sends), and the limit is written by the credit flow as SYSTEM or by Finance's decision, never by the rep.
/// The account's request columns are cleared <b>as the caller</b>, which is also the proof that the caller may write
/// the account (a rep cannot ask for a limit on a customer he cannot edit); both happen in the API's transaction.
/// A temporary date runs at most as long as the customer's approval route allows, checked by the router with the route
/// it reads anyway (<see cref="CreditLimitRequest.TemporaryWithinRoute"/>). Calls: <see cref="MaximumCalls"/>.
/// </summary>
public static class SalesRepLimitRequest
{
    /// <summary>The account columns on which the rep enters a request (not credit-owned, not secured).</summary>
    public static readonly string[] RequestColumns =
    [
        Account.Fields.RequestedCreditLimit, Account.Fields.CreditLimitRequestReason, Account.Fields.RequestedLimitUntil,
    ];

    /// <summary>The caller's clearing update plus the router's <see cref="CreditLimitRequestRouter.MaximumCalls"/>.</summary>
    public const int MaximumCalls = 1 + CreditLimitRequestRouter.MaximumCalls;

    public static RoutingOutcome Route(
        IOrganizationService system,
        IOrganizationService caller,
        Guid callerId,
        EntityReference account,
        decimal? requestedLimit,
        string? reason,
        DateTime? temporaryUntil,
        DateTime now)
    {
        if (account is null || account.LogicalName != Account.EntityLogicalName)
        {
            throw new InvalidPluginExecutionException("A credit limit request is made on an account.");
        }

        if (requestedLimit is not { } limit || limit <= 0)
        {
            throw new InvalidPluginExecutionException($"Enter the credit limit you ask for (a positive amount); {ApprovalText.Amount(requestedLimit ?? 0m)} was entered.");
        }

        if (temporaryUntil is { } until && until.Date <= now.Date)
        {
            throw new InvalidPluginExecutionException($"A temporary limit must run until a later day than today ({now:yyyy-MM-dd}); {until:yyyy-MM-dd} was entered.");
        }

        var clear = new Entity(Account.EntityLogicalName, account.Id);
        foreach (var column in RequestColumns)
        {
            clear[column] = null;
        }

        caller.Update(clear);
        var outcome = CreditLimitRequestRouter.Route(
            system,
            new CreditLimitRequest(account, CreditApprovalRequestType.LimitIncrease, limit, reason ?? string.Empty, temporaryUntil, reviewOn: null, callerId) { TemporaryWithinRoute = true },
            now);
        if (outcome.Request is { } open && !outcome.Created)
        {
            // The router keeps one open request per account and type; a second figure must not vanish silently.
            throw new InvalidPluginExecutionException(
                $"A limit increase for this account is already with Finance (request {open.Id}); {ApprovalText.Amount(limit)} was not sent. Wait for Finance's decision, or answer its question on that request.");
        }

        return outcome;
    }
}
