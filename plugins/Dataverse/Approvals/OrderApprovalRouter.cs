using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using OrderFields = CreditOS.Dataverse.Model.SalesOrder.Fields;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// Routes a held order to Finance: one open request per order with the figures behind the hold, in the
/// queue of the account's segment (or the default Finance queue). An order that is no longer held, or whose
/// amount or customer changed while its request was pending, has that request cancelled: a decision is only
/// ever taken on the figures it shows. A still-held changed order then gets a fresh request.
/// </summary>
public static class OrderApprovalRouter
{
    private static readonly ColumnSet OrderColumns = new(
        OrderFields.Name,
        OrderFields.CustomerId,
        OrderFields.TotalAmount,
        OrderFields.TransactionCurrencyId,
        OrderFields.CreditStatus,
        OrderFields.HoldReason,
        OrderFields.HoldReasonCode,
        OrderFields.CreatedBy);

    private static readonly ColumnSet AccountColumns = new(
        Account.Fields.Name,
        Account.Fields.CreditLimit,
        Account.Fields.Exposure,
        Account.Fields.AvailableCredit,
        Account.Fields.Utilization,
        Account.Fields.OverdueAmount,
        Account.Fields.RiskLevel,
        Account.Fields.CreditTierId,
        Account.Fields.CustomerGroup);

    private const string AccountAlias = "routed_account";

    /// <summary>Calls at most when a request is raised: the order with its customer, the open requests, settings, routes, the request and its queue item.</summary>
    public const int MaximumCallsToRaise = 6;

    /// <summary>Calls per stale request cancelled (<see cref="ApprovalRequestStore.Cancel"/>: its one update, its queue items read), plus one per queue item removed.</summary>
    public const int CallsPerCancelledRequest = 2;

    public static RoutingOutcome Route(IOrganizationService service, EntityReference order, DateTime now)
    {
        var row = ReadOrderWithCustomer(service, order.Id);
        var open = ApprovalRequestStore.FindOpen(service, RequestFields.SalesOrderId, order.Id);
        var isHeld = row.GetAttributeValue<OptionSetValue>(OrderFields.CreditStatus)?.Value == (int)SalesOrderCreditStatus.OnHold;
        if (!isHeld)
        {
            foreach (var pending in open)
            {
                ApprovalRequestStore.Cancel(service, pending, "The order is no longer on credit hold; no Finance decision is needed.", now);
            }

            return new RoutingOutcome(null, created: false, open.Count);
        }

        var customer = row.GetAttributeValue<EntityReference>(OrderFields.CustomerId);
        if (customer is null || customer.LogicalName != Account.EntityLogicalName)
        {
            throw new InvalidPluginExecutionException($"Order {row.GetAttributeValue<string>(OrderFields.Name)} has no customer account, so it cannot be routed for credit approval.");
        }

        var amount = row.GetAttributeValue<Money>(OrderFields.TotalAmount)?.Value ?? 0m;
        var current = open.FirstOrDefault(request => ShowsFigures(request, customer, amount));
        var cancelled = 0;
        foreach (var stale in open.Where(request => !ReferenceEquals(request, current)))
        {
            ApprovalRequestStore.Cancel(service, stale, ChangeReason(stale, customer, amount), now);
            cancelled++;
        }

        if (current is not null)
        {
            return new RoutingOutcome(current.ToEntityReference(), created: false, cancelled);
        }

        var account = CustomerOf(row, customer);
        var route = ApprovalRoute.For(service, account.GetAttributeValue<OptionSetValue>(Account.Fields.CustomerGroup), ApprovalSettings.Read(service));
        var request = new Entity(CreditApprovalRequest.EntityLogicalName)
        {
            [RequestFields.Name] = $"Order {row.GetAttributeValue<string>(OrderFields.Name)} for {account.GetAttributeValue<string>(Account.Fields.Name)}: {ApprovalText.Amount(amount)}",
            [RequestFields.RequestType] = new OptionSetValue((int)CreditApprovalRequestType.Order),
            [RequestFields.SalesOrderId] = order,
            [RequestFields.AccountId] = customer,
            [RequestFields.OrderAmount] = new Money(amount),
            [RequestFields.CreditLimit] = account.GetAttributeValue<Money>(Account.Fields.CreditLimit),
            [RequestFields.Exposure] = account.GetAttributeValue<Money>(Account.Fields.Exposure),
            [RequestFields.AvailableCredit] = account.GetAttributeValue<Money>(Account.Fields.AvailableCredit),

            // The rest of the picture Finance decides on, as it stood when the order was held (the held order already
            // counts in the account's exposure, so its utilization is the utilization with the order).
            [RequestFields.UtilizationWithOrder] = account.GetAttributeValue<decimal?>(Account.Fields.Utilization),
            [RequestFields.OverdueAmount] = account.GetAttributeValue<Money>(Account.Fields.OverdueAmount),
            [RequestFields.RiskLevel] = account.GetAttributeValue<OptionSetValue>(Account.Fields.RiskLevel),
            [RequestFields.TierName] = account.GetAttributeValue<EntityReference>(Account.Fields.CreditTierId)?.Name,
            [RequestFields.DecisionReason] = row.GetAttributeValue<string>(OrderFields.HoldReason),
            [RequestFields.ReasonCode] = row.GetAttributeValue<string>(OrderFields.HoldReasonCode),
            [RequestFields.RequestedBy] = row.GetAttributeValue<EntityReference>(OrderFields.CreatedBy),
            [RequestFields.RequestedOn] = now,
            [RequestFields.DueBy] = now.Add(route.DueTime),
        };
        if (row.GetAttributeValue<EntityReference>(OrderFields.TransactionCurrencyId) is { } currency)
        {
            request[RequestFields.TransactionCurrencyId] = currency;
        }

        return new RoutingOutcome(ApprovalRequestStore.Open(service, request, route), created: true, cancelled);
    }

    // The order with its customer account's columns joined (one query instead of a second retrieve); a contact customer
    // joins nothing and is refused above.
    private static Entity ReadOrderWithCustomer(IOrganizationService service, Guid orderId)
    {
        var query = new QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = OrderColumns, TopCount = 1 };
        query.Criteria.AddCondition(OrderFields.SalesorderId, ConditionOperator.Equal, orderId);
        var account = query.AddLink(Account.EntityLogicalName, OrderFields.CustomerId, Account.Fields.AccountId, JoinOperator.LeftOuter);
        account.EntityAlias = AccountAlias;
        account.Columns = AccountColumns;
        // An order that does not exist fails as Retrieve fails (the platform's "does not exist" fault).
        return service.RetrieveMultiple(query).Entities.FirstOrDefault() ?? service.Retrieve(SalesOrder.EntityLogicalName, orderId, OrderColumns);
    }

    private static Entity CustomerOf(Entity order, EntityReference customer)
    {
        var account = new Entity(Account.EntityLogicalName, customer.Id);
        foreach (var column in AccountColumns.Columns)
        {
            if (order.Aliased<object>(AccountAlias + "." + column) is { } value)
            {
                account[column] = value;
            }
        }

        return account;
    }

    private static bool ShowsFigures(Entity request, EntityReference customer, decimal amount) =>
        request.GetAttributeValue<EntityReference>(RequestFields.AccountId)?.Id == customer.Id
        && request.GetAttributeValue<Money>(RequestFields.OrderAmount)?.Value == amount;

    private static string ChangeReason(Entity request, EntityReference customer, decimal amount) =>
        request.GetAttributeValue<EntityReference>(RequestFields.AccountId)?.Id != customer.Id
            ? "The order's customer changed while the request was pending; a new request was raised."
            : $"The order amount changed from {ApprovalText.Amount(request.GetAttributeValue<Money>(RequestFields.OrderAmount)?.Value ?? 0m)} to {ApprovalText.Amount(amount)} while the request was pending; a new request was raised.";
}
