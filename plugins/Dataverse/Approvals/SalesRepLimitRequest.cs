using CreditOS.Dataverse.Applications;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// A sales rep asks for a different limit on an account (cos_RequestCreditLimit). What the rep decides is the figure,
/// the reason and an optional temporary date, nothing else: the request is always a <b>limit increase</b> (an initial
/// limit comes from a credit application, a limit review from rescoring), whether it needs Finance is the router's
/// rule (<see cref="CreditLimitRequestRouter"/>, measured against the limit in the account's row, not a figure the rep
/// sends), and the limit is written by the credit flow as SYSTEM or by Finance's decision, never by the rep.
/// With <c>GroupLimit</c> the figure is the account's group limit (the credit group it holds for its subsidiaries): a
/// <b>group limit increase</b> on the same path, always decided by Finance (<see cref="CreditLimitRequestRouter"/>).
/// The account's request columns are cleared <b>as the caller</b>, which is also the proof that the caller may write
/// the account (a rep cannot ask for a limit on a customer he cannot edit); both happen in the API's transaction.
/// A temporary date runs at most as long as the customer's approval route allows, checked by the router with the route
/// it reads anyway (<see cref="CreditLimitRequest.TemporaryWithinRoute"/>). A limit is asked for by a person: the
/// integration worker (creditOS Integration role, Write on every account) is refused (controls round 6: it could raise any
/// customer's limit by the amount that needs no Finance approval, 100,000 → 120,000, by writing the account's request
/// columns). Calls: <see cref="MaximumCalls"/>.
/// </summary>
public static class SalesRepLimitRequest
{
    /// <summary>The account columns on which the rep enters a request (not credit-owned, not secured).</summary>
    public static readonly string[] RequestColumns =
    [
        Account.Fields.RequestedCreditLimit, Account.Fields.CreditLimitRequestReason, Account.Fields.RequestedLimitUntil,
    ];

    /// <summary>Whether the caller is the worker (1), the caller's clearing update plus the router's <see cref="CreditLimitRequestRouter.MaximumCalls"/>.</summary>
    public const int MaximumCalls = 1 + 1 + CreditLimitRequestRouter.MaximumCalls;

    public static RoutingOutcome Route(
        IOrganizationService system,
        IOrganizationService caller,
        Guid callerId,
        EntityReference account,
        decimal? requestedLimit,
        string? reason,
        DateTime? temporaryUntil,
        DateTime now,
        bool groupLimit = false)
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

        if (groupLimit && temporaryUntil is not null)
        {
            throw new InvalidPluginExecutionException("A group limit is asked for permanently; leave the temporary date empty (a temporary limit is given on the account itself or on an order).");
        }

        if (IntegrationIdentity.IsIntegration(system, callerId))
        {
            throw new InvalidPluginExecutionException(
                $"The integration worker cannot ask for a credit limit ({ApprovalText.Amount(limit)} was asked for on account {account.Id}): it takes the ERP's invoices, payments and channel orders in. "
                + "A limit is asked for by a sales rep on the account's Credit tab and decided by Finance beyond the amount that needs no approval.");
        }

        var clear = new Entity(Account.EntityLogicalName, account.Id);
        foreach (var column in RequestColumns)
        {
            clear[column] = null;
        }

        caller.Update(clear);
        var outcome = CreditLimitRequestRouter.Route(
            system,
            new CreditLimitRequest(account, groupLimit ? CreditApprovalRequestType.GroupLimitIncrease : CreditApprovalRequestType.LimitIncrease, limit, reason ?? string.Empty, temporaryUntil, reviewOn: null, callerId) { TemporaryWithinRoute = true },
            now);
        if (outcome.Request is { } open && !outcome.Created)
        {
            // The router keeps one open request per account and type; a second figure must not vanish silently.
            throw new InvalidPluginExecutionException(
                $"A {(groupLimit ? "group limit" : "limit")} increase for this account is already with Finance (request {open.Id}); {ApprovalText.Amount(limit)} was not sent. Wait for Finance's decision, or answer its question on that request.");
        }

        return outcome;
    }
}
