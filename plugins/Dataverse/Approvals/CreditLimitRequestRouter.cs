using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Limit decisions that need Finance: an initial limit (from third-party verification, before the first
/// order) always; an increase when, together with the increases already applied without Finance since Finance last set
/// the limit (<see cref="UnapprovedLimitIncreases"/>), it is larger than the configured amount. A smaller increase is
/// applied at once and recorded. One open request per account and type.
/// Calls (<see cref="MaximumCalls"/>): the account, the settings, the open requests of the type, the orders (initial
/// limit) or the earlier unapproved increases (increase), then either the route, the request and its queue item, or
/// the limit and its history in one transaction; the route is read once, also when a temporary date is checked.
/// </summary>
public static class CreditLimitRequestRouter
{
    /// <summary>Organization-service calls at most for one routing (see the class summary).</summary>
    public const int MaximumCalls = 7;

    private static readonly ColumnSet AccountColumns = new(
        CreditLimitWriter.AccountColumns.Concat([Account.Fields.Name, Account.Fields.CustomerGroup, Account.Fields.TransactionCurrencyId]).ToArray());

    public static RoutingOutcome Route(IOrganizationService service, CreditLimitRequest limitRequest, DateTime now)
    {
        var account = service.Retrieve(Account.EntityLogicalName, limitRequest.Account.Id, AccountColumns);
        var name = account.GetAttributeValue<string>(Account.Fields.Name);
        var current = account.GetAttributeValue<Money>(Account.Fields.CreditLimit)?.Value ?? 0m;
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

        var open = ApprovalRequestStore.FindOpen(service, RequestFields.AccountId, limitRequest.Account.Id, limitRequest.Type);
        if (open.Count > 0)
        {
            return new RoutingOutcome(open[0].ToEntityReference(), created: false, cancelled: 0);
        }

        if (limitRequest.Type == CreditApprovalRequestType.LimitIncrease
            && limitRequest.RequestedLimit - current + UnapprovedLimitIncreases.SinceFinanceLastSetTheLimit(service, limitRequest.Account.Id) <= settings.LimitIncreaseApprovalAmount)
        {
            // Limit and history together or not at all: every caller is a plug-in (the Custom APIs, rescoring, the
            // application's assessment), whose writes share its transaction; no ExecuteTransaction batch (Microsoft's
            // guidance: no batch request types in plug-ins).
            CreditLimitWriter.Apply(service, limitRequest.Account, limitRequest.RequestedLimit, account, limitRequest.TemporaryUntil, limitRequest.ReviewOn, now);
            CreditHistoryRecorder.Record(
                service,
                limitRequest.Account,
                CreditScoreHistoryEntryType.LimitChange,
                $"Credit limit raised to {ApprovalText.Amount(limitRequest.RequestedLimit)} (within the {ApprovalText.Amount(settings.LimitIncreaseApprovalAmount)} that needs no Finance approval)",
                now,
                request: null,
                decidedBy: null,
                limitRequest.Reason,
                current,
                limitRequest.RequestedLimit);
            return new RoutingOutcome(null, created: false, cancelled: 0);
        }

        var label = limitRequest.Type switch
        {
            CreditApprovalRequestType.InitialLimit => "Initial limit",
            CreditApprovalRequestType.LimitReview => "Limit review",
            _ => "Limit increase",
        };
        var request = new Entity(CreditApprovalRequest.EntityLogicalName)
        {
            [RequestFields.Name] = $"{label} for {name}: {ApprovalText.Amount(limitRequest.RequestedLimit)}",
            [RequestFields.RequestType] = new OptionSetValue((int)limitRequest.Type),
            [RequestFields.AccountId] = limitRequest.Account,
            [RequestFields.CreditLimit] = new Money(current),
            [RequestFields.Exposure] = account.GetAttributeValue<Money>(Account.Fields.Exposure),
            [RequestFields.RequestedLimit] = new Money(limitRequest.RequestedLimit),
            [RequestFields.DecisionReason] = limitRequest.Reason,
            [RequestFields.RequestedOn] = now,
            [RequestFields.DueBy] = now.Add(route.Value.DueTime),
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

        return new RoutingOutcome(ApprovalRequestStore.Open(service, request, route.Value), created: true, cancelled: 0);
    }

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
