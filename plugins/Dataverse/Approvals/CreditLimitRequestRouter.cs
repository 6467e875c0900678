using CreditOS.CreditEngine.Approvals;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Limit decisions that need Finance: an initial limit (from third-party verification, before the first
/// order) always; an increase unless the engine's <see cref="SelfServedLimitIncrease"/> lets it through: a customer
/// that already buys on credit (scored, not on prepayment terms, not suspended), an increase that, together with the
/// increases already applied without Finance since Finance last set the limit (<see cref="UnapprovedLimitIncreases"/>),
/// is within the configured amount. Such an increase is applied at once and recorded, holding until a review date (the
/// route's longest temporary limit, or Finance's own review date when sooner), after which the engine's limit applies. A group limit increase (the limit the account holds for its credit group) always goes to
/// Finance: it is measured against the group limit, and no amount of it is applied without approval. One open request
/// per account and type. A requester who decides approvals (a Finance approver) never has an increase applied without
/// Finance: it becomes a request another approver decides (controls round 10).
/// Calls (<see cref="MaximumCalls"/>): the account (its policy's prepayment joined), the settings, the open requests of
/// the type, the orders (initial limit) or the earlier unapproved increases (increase), the route, then either the
/// request and its queue item, or the limit and its history in one transaction; the route is read once, also when a
/// temporary date is checked.
/// </summary>
public static class CreditLimitRequestRouter
{
    /// <summary>Organization-service calls at most for one routing (see the class summary).</summary>
    public const int MaximumCalls = 7 + ApproverCalls;

    /// <summary>
    /// Whether the requester decides approvals (<see cref="ApproverDirectory.IsFinanceApprover"/>: their role, a team's role,
    /// the Finance team), asked only when an increase would be applied without Finance (controls round 10).
    /// </summary>
    public const int ApproverCalls = 3;

    private const string PolicyAlias = "policy";

    private static readonly ColumnSet AccountColumns = new(
        CreditLimitWriter.AccountColumns.Concat(
        [
            Account.Fields.Name, Account.Fields.CustomerGroup, Account.Fields.TransactionCurrencyId, Account.Fields.GroupLimit,
            Account.Fields.CreditPolicyId, Account.Fields.IsSuspended, Account.Fields.ApprovedLimit, Account.Fields.LimitReviewOn,
        ]).ToArray());

    public static RoutingOutcome Route(IOrganizationService service, CreditLimitRequest limitRequest, DateTime now)
    {
        var account = ReadAccount(service, limitRequest.Account);
        var name = account.GetAttributeValue<string>(Account.Fields.Name);
        var isGroup = limitRequest.Type == CreditApprovalRequestType.GroupLimitIncrease;
        var current = account.GetAttributeValue<Money>(isGroup ? Account.Fields.GroupLimit : Account.Fields.CreditLimit)?.Value ?? 0m;
        var settings = ApprovalSettings.Read(service);
        var route = new Lazy<ApprovalRoute>(() => ApprovalRoute.For(service, account.GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup), settings));
        if (limitRequest.TemporaryWithinRoute && limitRequest.TemporaryUntil is { } until)
        {
            EnsureWithinTheRoutesLongestTemporaryLimit(route.Value, until, now);
        }

        if (limitRequest.Type == CreditApprovalRequestType.InitialLimit)
        {
            EnsureNoOrdersYet(service, limitRequest.Account, name);
        }
        else if (limitRequest.Type == CreditApprovalRequestType.LimitIncrease && limitRequest.RequestedLimit <= current)
        {
            throw new InvalidPluginExecutionException(
                $"A limit increase for {name} must be above the current limit of {ApprovalText.Amount(current)}; {ApprovalText.Amount(limitRequest.RequestedLimit)} was requested.");
        }
        else if (isGroup && limitRequest.RequestedLimit <= current)
        {
            throw new InvalidPluginExecutionException(
                $"A group limit increase for {name} must be above its current group limit of {ApprovalText.Amount(current)}; {ApprovalText.Amount(limitRequest.RequestedLimit)} was requested.");
        }

        var open = ApprovalRequestStore.FindOpen(service, RequestFields.AccountId, limitRequest.Account.Id, limitRequest.Type);
        if (open.Count > 0)
        {
            return new RoutingOutcome(open[0].ToEntityReference(), created: false, cancelled: 0);
        }

        if (limitRequest.Type == CreditApprovalRequestType.LimitIncrease
            && SelfServed(service, limitRequest, account, current, settings, route.Value, now) is { AppliesWithoutFinance: true } selfServed
            && !RequesterDecidesApprovals(service, limitRequest))
        {
            // Limit and history together or not at all: every caller is a plug-in (the Custom APIs, rescoring, the
            // application's assessment), whose writes share its transaction; no ExecuteTransaction batch (Microsoft's
            // guidance: no batch request types in plug-ins). A permanent increase holds until the engine's review date,
            // never for ever: it is stored as the approved limit, which replaces the computed one until then.
            var reviewOn = limitRequest.TemporaryUntil is null ? Earlier(limitRequest.ReviewOn, selfServed.ReviewOn) : limitRequest.ReviewOn;
            CreditLimitWriter.Apply(service, limitRequest.Account, limitRequest.RequestedLimit, account, limitRequest.TemporaryUntil, reviewOn, now);
            CreditHistoryRecorder.Record(
                service,
                limitRequest.Account,
                CreditScoreHistoryEntryType.LimitChange,
                $"Credit limit raised to {ApprovalText.Amount(limitRequest.RequestedLimit)} (within the {ApprovalText.Amount(settings.LimitIncreaseApprovalAmount)} that needs no Finance approval)"
                    + (limitRequest.TemporaryUntil is null && reviewOn is { } holdsUntil ? $" until {holdsUntil:yyyy-MM-dd}, when the computed limit applies again" : string.Empty),
                now,
                request: null,
                // Controls round 11: nobody else decides a self-served increase, so the history row names who asked for
                // it (the row and the account are written as SYSTEM, so nothing else records the person).
                decidedBy: limitRequest.RequestedBy is { } requester ? new EntityReference(SystemUser.EntityLogicalName, requester) : null,
                limitRequest.Reason,
                current,
                limitRequest.RequestedLimit);
            return new RoutingOutcome(null, created: false, cancelled: 0);
        }

        return new RoutingOutcome(OpenRequest(service, limitRequest, account, current, route.Value, now), created: true, cancelled: 0);
    }

    /// <summary>
    /// The request Finance decides, from the account as this transaction sees it (name, exposure, currency), put in the
    /// route's queue: 2 calls (create, queue). The one home of the request's columns, for <see cref="Route"/> and for the
    /// page rescoring's limit reviews (<see cref="CreditOS.Dataverse.Credit.Rescoring.PageLimitReviews"/>), which pass
    /// the account row they read with their own write merged and the route they chose once for the page.
    /// </summary>
    internal static EntityReference OpenRequest(IOrganizationService service, CreditLimitRequest limitRequest, Entity account, decimal current, ApprovalRoute route, DateTime now) =>
        ApprovalRequestStore.Open(service, RequestRow(limitRequest, account, current, route, now), route);

    /// <summary>
    /// The request row <see cref="OpenRequest"/> opens, built without a call (session 30: the nightly scoring call seals it with the
    /// account's picture, and the sealed-picture guard opens it with <see cref="ApprovalRequestStore.Open(IOrganizationService, Entity)"/>).
    /// </summary>
    internal static Entity RequestRow(CreditLimitRequest limitRequest, Entity account, decimal current, ApprovalRoute route, DateTime now)
    {
        var name = account.GetAttributeValue<string>(Account.Fields.Name);
        var label = limitRequest.Type switch
        {
            CreditApprovalRequestType.InitialLimit => "Initial limit",
            CreditApprovalRequestType.LimitReview => "Limit review",
            CreditApprovalRequestType.GroupLimitIncrease => "Group limit increase",
            _ => "Limit increase",
        };
        var request = new Entity(CreditApprovalRequest.EntityLogicalName)
        {
            // Controls round 22 (session 29): the name carries no figure. It is the row's primary name, which every role
            // that reads requests reads (the worker and the reps' business unit included), while the requested limit is a
            // secured column; the limit in the name let them read what field security hides (views show the column).
            [RequestFields.Name] = $"{label} for {name}",
            [RequestFields.RequestType] = new OptionSetValue((int)limitRequest.Type),
            [RequestFields.AccountId] = limitRequest.Account,
            [RequestFields.CreditLimit] = new Money(current),
            [RequestFields.Exposure] = account.GetAttributeValue<Money>(Account.Fields.Exposure),
            [RequestFields.RequestedLimit] = new Money(limitRequest.RequestedLimit),
            [RequestFields.DecisionReason] = limitRequest.Reason,
            [RequestFields.RequestedOn] = now,
            [RequestFields.DueBy] = now.Add(route.DueTime),
        };
        if (limitRequest.RequestedBy is { } requestedBy)
        {
            request[RequestFields.RequestedBy] = new EntityReference(SystemUser.EntityLogicalName, requestedBy);
        }

        if (limitRequest.TemporaryUntil is { } expiry)
        {
            request[RequestFields.TemporaryLimitExpiresOn] = expiry;
        }

        if (limitRequest.ReviewOn is { } review)
        {
            request[RequestFields.LimitReviewOn] = review;
        }

        if (account.GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId) is { } currency)
        {
            request[RequestFields.TransactionCurrencyId] = currency;
        }

        if (limitRequest.Verification is { } verification)
        {
            foreach (var column in verification.Attributes)
            {
                request[column.Key] = column.Value;
            }
        }

        return request;
    }

    /// <summary>The account with its policy's prepayment flag joined, in one query.</summary>
    private static Entity ReadAccount(IOrganizationService service, EntityReference account)
    {
        var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = AccountColumns, TopCount = 1 };
        query.Criteria.AddCondition(Account.Fields.AccountId, ConditionOperator.Equal, account.Id);
        var policy = query.AddLink(CreditPolicy.EntityLogicalName, Account.Fields.CreditPolicyId, CreditPolicy.Fields.CreditPolicyId, JoinOperator.LeftOuter);
        policy.EntityAlias = PolicyAlias;
        policy.Columns = new ColumnSet(CreditPolicy.Fields.IsPrepay);
        return service.RetrieveMultiple(query).Entities.FirstOrDefault()
            ?? throw new InvalidPluginExecutionException($"Account {account.Id} does not exist, so no limit can be requested for it.");
    }

    /// <summary>Whether the increase may be applied without Finance, and until when: the engine's rule, one query (the earlier increases).</summary>
    /// <summary>
    /// Controls round 10: the amount that needs no Finance approval is a sales rep's small increase, applied because no
    /// approver is asked. A requester who decides approvals herself (Fiona, a Finance approver with Write on every
    /// account, asked for 20,000.00 more on a customer's Credit tab and had it applied at once) would be approving her own
    /// request, which <see cref="DecisionAuthority"/> refuses on every request; her increase goes to Finance as a request
    /// another approver decides, whatever its amount.
    /// </summary>
    private static bool RequesterDecidesApprovals(IOrganizationService service, CreditLimitRequest limitRequest) =>
        limitRequest.RequestedBy is { } requester && ApproverDirectory.IsFinanceApprover(service, requester);

    private static SelfServedLimitDecision SelfServed(IOrganizationService service, CreditLimitRequest limitRequest, Entity account, decimal current, ApprovalSettings settings, ApprovalRoute route, DateTime now)
    {
        var approved = account.MoneyOrNull(Account.Fields.ApprovedLimit);
        var reviewOn = account.GetAttributeValue<DateTime?>(Account.Fields.LimitReviewOn);
        return SelfServedLimitIncrease.Decide(new SelfServedLimitRequest
        {
            CurrentLimit = current,
            RequestedLimit = limitRequest.RequestedLimit,
            AlreadyRaisedWithoutFinance = UnapprovedLimitIncreases.SinceFinanceLastSetTheLimit(service, limitRequest.Account.Id),
            NoApprovalAmount = settings.LimitIncreaseApprovalAmount,
            IsScored = account.GetAttributeValue<EntityReference>(Account.Fields.CreditPolicyId) is not null,
            IsSuspended = account.GetAttributeValue<bool>(Account.Fields.IsSuspended),
            PolicyRequiresPrepayment = account.Aliased<bool?>(PolicyAlias + "." + CreditPolicy.Fields.IsPrepay) == true,
            FinanceLimitInForce = CreditOS.CreditEngine.Policies.AccountCreditContext.InForce(approved, reviewOn, now).FinanceApprovedLimit is not null,
            FinanceReviewOn = reviewOn,
            LongestTemporaryDays = route.TemporaryLimitMaxDays,
            AsOf = now,
        });
    }

    private static DateTime? Earlier(DateTime? first, DateTime? second) =>
        first is { } a && second is { } b ? (a < b ? a : b) : first ?? second;

    private static void EnsureWithinTheRoutesLongestTemporaryLimit(ApprovalRoute route, DateTime until, DateTime now)
    {
        var maxDays = route.TemporaryLimitMaxDays;
        if (until.Date > now.Date.AddDays(maxDays))
        {
            throw new InvalidPluginExecutionException(
                $"A temporary limit runs at most {maxDays} days on this customer's approval route (until {now.Date.AddDays(maxDays):yyyy-MM-dd}); {until:yyyy-MM-dd} was entered. Ask for a permanent limit instead.");
        }
    }

    private static void EnsureNoOrdersYet(IOrganizationService service, EntityReference account, string? name)
    {
        var query = new QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = new ColumnSet(SalesOrder.Fields.SalesorderId), TopCount = 1 };
        query.Criteria.AddCondition(SalesOrder.Fields.CustomerId, ConditionOperator.Equal, account.Id);
        if (service.RetrieveMultiple(query).Entities.Count > 0)
        {
            throw new InvalidPluginExecutionException($"{name} already has orders, so its initial limit cannot be requested any more; request a limit increase instead.");
        }
    }
}
