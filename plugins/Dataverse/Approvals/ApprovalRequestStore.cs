using CreditOS.Dataverse.Model;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Fields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>Reads, opens (row + queue item) and closes credit approval requests.</summary>
public static class ApprovalRequestStore
{
    public static readonly ColumnSet DecisionColumns = new(
        Fields.Name,
        Fields.RequestType,
        Fields.SalesOrderId,
        Fields.AccountId,
        Fields.OrderAmount,
        Fields.CreditLimit,
        Fields.Exposure,
        Fields.RequestedLimit,
        Fields.DecisionReason,
        Fields.ReasonCode,
        Fields.RequestedBy,
        Fields.DueBy,
        Fields.ApprovalStatus,
        Fields.DecidedBy,
        Fields.DecidedOn,
        Fields.DecisionComment,
        Fields.InformationRequest,
        Fields.TemporaryLimit,
        Fields.TemporaryLimitExpiresOn,
        Fields.LimitReviewOn,
        Fields.ApprovedLimit,
        Fields.LimitCap,
        Fields.CreditApplicationId,
        Fields.RecommendedTermsDays,
        Fields.QueueId,
        Fields.TransactionCurrencyId,
        Fields.StateCode);

    public static Entity Retrieve(IOrganizationService service, EntityReference request) =>
        service.Retrieve(CreditApprovalRequest.EntityLogicalName, request.Id, DecisionColumns);

    /// <summary>Alias of the request's customer group (joined by <see cref="RetrieveForDecision"/>).</summary>
    public const string CustomerGroupAlias = "decision_account." + Account.Fields.CustomerGroup;

    /// <summary>Alias of the request customer's exposure now (joined by <see cref="RetrieveForDecision"/>: the approval authority's stake).</summary>
    public const string CustomerExposureAlias = "decision_account." + Account.Fields.Exposure;

    /// <summary>Alias of the request customer's credit limit now (joined by <see cref="RetrieveForDecision"/>).</summary>
    public const string CustomerCreditLimitAlias = "decision_account." + Account.Fields.CreditLimit;

    /// <summary>Alias of the request currency's exchange rate (joined by <see cref="RetrieveForDecision"/>: base = amount ÷ rate).</summary>
    public const string ExchangeRateAlias = "decision_currency." + TransactionCurrency.Fields.ExchangeRate;

    /// <summary>Alias of the request currency's ISO code (joined by <see cref="RetrieveForDecision"/>).</summary>
    public const string CurrencyCodeAlias = "decision_currency." + TransactionCurrency.Fields.ISOCurrencyCode;

    /// <summary>Alias of the request customer's name (joined by <see cref="RetrieveForDecision"/>).</summary>
    public const string CustomerNameAlias = "decision_account." + Account.Fields.Name;

    /// <summary>Alias of the request customer's owner, a user or a team (joined by <see cref="RetrieveForDecision"/>; controls round 12).</summary>
    public const string CustomerOwnerAlias = "decision_account." + Account.Fields.OwnerId;

    /// <summary>Alias of the decider's membership of the team that owns the request's customer (present only when they are a member).</summary>
    public const string CustomerOwnerTeamAlias = "decision_ownerteam";

    /// <summary>Alias of the request order's owner (joined by <see cref="RetrieveForDecision"/>).</summary>
    public const string OrderOwnerAlias = "decision_order." + SalesOrder.Fields.OwnerId;

    /// <summary>Alias of who entered the request's order (joined by <see cref="RetrieveForDecision"/>).</summary>
    public const string OrderCreatedByAlias = "decision_order." + SalesOrder.Fields.CreatedBy;

    /// <summary>Alias of who last changed the request's order (joined by <see cref="RetrieveForDecision"/>).</summary>
    public const string OrderModifiedByAlias = "decision_order." + SalesOrder.Fields.ModifiedBy;

    /// <summary>Alias of whose save the order's credit check last decided (joined by <see cref="RetrieveForDecision"/>; controls round 10).</summary>
    public const string OrderCheckedForAlias = "decision_order." + SalesOrder.Fields.CreditCheckedFor;

    /// <summary>The order's columns <see cref="RetrieveForDecision"/> joins under <see cref="OrderAlias"/>.</summary>
    public const string OrderAlias = "decision_order";

    /// <summary>
    /// The request as a decision needs it, in one query: its decision columns, its customer's group (the approval route),
    /// its order's owner, creator and last modifier (segregation of duties), the order as it is now (customer, amount, currency, state
    /// and credit status: <see cref="OrderRequestFigures"/>), the customer's exposure and limit now and the request
    /// currency's exchange rate (the approval authority), joined so the decision reads none of those rows again.
    /// </summary>
    /// <param name="deciderId">Who decides: the customer's owning team is joined only when they are its member (controls round 12).</param>
    public static Entity RetrieveForDecision(IOrganizationService service, EntityReference request, Guid deciderId)
    {
        var query = new QueryExpression(CreditApprovalRequest.EntityLogicalName) { ColumnSet = DecisionColumns, TopCount = 1 };
        query.Criteria.AddCondition(Fields.CreditApprovalRequestId, ConditionOperator.Equal, request.Id);
        var account = query.AddLink(Account.EntityLogicalName, Fields.AccountId, Account.Fields.AccountId, JoinOperator.LeftOuter);
        account.EntityAlias = "decision_account";
        account.Columns = new ColumnSet(Account.Fields.CustomerGroup, Account.Fields.Exposure, Account.Fields.CreditLimit, Account.Fields.Name, Account.Fields.OwnerId);

        // The decider's membership of the team owning the customer, if a team owns it: one row at most, no extra call.
        var ownerTeam = account.AddLink(TeamMembership.EntityLogicalName, Account.Fields.OwnerId, TeamMembership.Fields.TeamId, JoinOperator.LeftOuter);
        ownerTeam.EntityAlias = CustomerOwnerTeamAlias;
        ownerTeam.Columns = new ColumnSet(TeamMembership.Fields.TeamId);
        ownerTeam.LinkCriteria.AddCondition(TeamMembership.Fields.SystemUserId, ConditionOperator.Equal, deciderId);
        var currency = query.AddLink(TransactionCurrency.EntityLogicalName, Fields.TransactionCurrencyId, TransactionCurrency.Fields.TransactioncurrencyId, JoinOperator.LeftOuter);
        currency.EntityAlias = "decision_currency";
        currency.Columns = new ColumnSet(TransactionCurrency.Fields.ExchangeRate, TransactionCurrency.Fields.ISOCurrencyCode);
        var order = query.AddLink(SalesOrder.EntityLogicalName, Fields.SalesOrderId, SalesOrder.Fields.SalesorderId, JoinOperator.LeftOuter);
        order.EntityAlias = OrderAlias;
        order.Columns = new ColumnSet(SalesOrder.Fields.OwnerId, SalesOrder.Fields.CreatedBy, SalesOrder.Fields.ModifiedBy, SalesOrder.Fields.CustomerId, SalesOrder.Fields.TotalAmount,
            SalesOrder.Fields.TransactionCurrencyId, SalesOrder.Fields.StateCode, SalesOrder.Fields.CreditStatus, SalesOrder.Fields.CreditCheckedFor);
        // A request that does not exist fails as Retrieve fails (the platform's "does not exist" fault).
        return service.RetrieveMultiple(query).Entities.FirstOrDefault() ?? Retrieve(service, request);
    }

    /// <summary>Open (pending, escalated or awaiting or answered by the rep; active) requests matching the condition column.</summary>
    public static IReadOnlyList<Entity> FindOpen(IOrganizationService service, string column, Guid id, CreditApprovalRequestType? type = null)
    {
        var query = new QueryExpression(CreditApprovalRequest.EntityLogicalName) { ColumnSet = DecisionColumns };
        query.Criteria.AddCondition(column, ConditionOperator.Equal, id);
        query.Criteria.AddCondition(Fields.StateCode, ConditionOperator.Equal, (int)CreditApprovalRequestState.Active);
        query.Criteria.AddCondition(Fields.ApprovalStatus, ConditionOperator.In, ApprovalStatuses.OpenValues);
        if (type is { } requestType)
        {
            query.Criteria.AddCondition(Fields.RequestType, ConditionOperator.Equal, (int)requestType);
        }

        query.AddOrder(Fields.RequestedOn, OrderType.Ascending);
        return service.RetrieveMultiple(query).Entities.ToList();
    }

    /// <summary>The alias of <see cref="LinkOpen"/>'s link.</summary>
    private const string OpenRequestAlias = "open_request";

    /// <summary>
    /// Links an account query to the account's open (pending, escalated or awaiting or answered by the rep; active) requests of the type,
    /// as an outer join with the conditions inside the join (so an account without one still comes back, once); returns the key of the
    /// linked request id in a row, present where the account has one (session 32: the page rescoring's "already with Finance", read with
    /// the page's accounts instead of in a query of its own). An account with several open requests comes back once per request.
    /// </summary>
    public static string LinkOpen(QueryExpression accountQuery, CreditApprovalRequestType type)
    {
        var link = accountQuery.AddLink(CreditApprovalRequest.EntityLogicalName, Account.Fields.AccountId, Fields.AccountId, JoinOperator.LeftOuter);
        link.EntityAlias = OpenRequestAlias;
        link.Columns = new ColumnSet(Fields.CreditApprovalRequestId);
        link.LinkCriteria.AddCondition(Fields.StateCode, ConditionOperator.Equal, (int)CreditApprovalRequestState.Active);
        link.LinkCriteria.AddCondition(Fields.ApprovalStatus, ConditionOperator.In, ApprovalStatuses.OpenValues);
        link.LinkCriteria.AddCondition(Fields.RequestType, ConditionOperator.Equal, (int)type);
        return OpenRequestAlias + "." + Fields.CreditApprovalRequestId;
    }

    /// <summary>Creates the request and puts it in the route's queue; if queueing fails the request is removed again.</summary>
    public static EntityReference Open(IOrganizationService service, Entity request, ApprovalRoute route)
    {
        request[Fields.QueueId] = route.Queue;
        return Open(service, request);
    }

    /// <summary>
    /// Creates the request and puts it in the queue it names (<c>cos_queueid</c>, the route's, chosen when the row was built); if
    /// queueing fails the request is removed again. 2 calls.
    /// </summary>
    public static EntityReference Open(IOrganizationService service, Entity request)
    {
        var queue = request.GetAttributeValue<EntityReference>(Fields.QueueId)
            ?? throw new InvalidPluginExecutionException("The credit approval request '" + request.GetAttributeValue<string>(Fields.Name) + "' names no queue, so Finance would not find it; it was not raised.");
        request[Fields.ApprovalStatus] = new OptionSetValue((int)CreditApprovalStatus.Pending);
        var id = service.Create(request);
        try
        {
            service.Execute(new AddToQueueRequest { Target = new EntityReference(CreditApprovalRequest.EntityLogicalName, id), DestinationQueueId = queue.Id });
        }
        catch
        {
            // Background workflow calls are separate transactions: compensate so no request exists outside a queue.
            service.Delete(CreditApprovalRequest.EntityLogicalName, id);
            throw;
        }

        return new EntityReference(CreditApprovalRequest.EntityLogicalName, id);
    }

    /// <summary>Cancels an open request with the reason and closes it in one update, then takes it out of its queue.</summary>
    public static void Cancel(IOrganizationService service, Entity request, string reason, DateTime now)
    {
        service.Update(new Entity(CreditApprovalRequest.EntityLogicalName, request.Id)
        {
            [Fields.ApprovalStatus] = new OptionSetValue((int)CreditApprovalStatus.Cancelled),
            [Fields.DecisionComment] = reason,
            [Fields.DecidedOn] = now,
            [Fields.StateCode] = new OptionSetValue((int)CreditApprovalRequestState.Inactive),
            [Fields.StatusCode] = new OptionSetValue((int)CreditApprovalRequestStatus.Inactive),
        });
        RemoveFromQueues(service, request.Id);
    }

    /// <summary>Deactivates the request and removes its queue items.</summary>
    public static void Close(IOrganizationService service, EntityReference request)
    {
        service.Update(new Entity(CreditApprovalRequest.EntityLogicalName, request.Id)
        {
            [Fields.StateCode] = new OptionSetValue((int)CreditApprovalRequestState.Inactive),
            [Fields.StatusCode] = new OptionSetValue((int)CreditApprovalRequestStatus.Inactive),
        });
        RemoveFromQueues(service, request.Id);
    }

    private static void RemoveFromQueues(IOrganizationService service, Guid requestId)
    {
        foreach (var item in QueueItemsOf(service, requestId))
        {
            service.Delete(QueueItem.EntityLogicalName, item.Id);
        }
    }

    public static IReadOnlyList<Entity> QueueItemsOf(IOrganizationService service, Guid requestId)
    {
        var query = new QueryExpression(QueueItem.EntityLogicalName) { ColumnSet = new ColumnSet(QueueItem.Fields.QueueId) };
        query.Criteria.AddCondition(QueueItem.Fields.ObjectId, ConditionOperator.Equal, requestId);
        return service.RetrieveMultiple(query).Entities.ToList();
    }
}
