using CreditOS.CreditEngine;
using CreditOS.CreditEngine.Decisions;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Rescoring;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// Re-checks the account's open orders on credit hold against its current picture and releases those whose hold no
/// longer applies (for example after a payment cures an overdue balance). Held orders already count in exposure, so
/// each is decided as exposure without it plus its amount, against its credit group too, and not while a hold message
/// is active. Two calls (the account record with its hold messages, and the held orders), a third for an account in a
/// credit group, plus one update per released order; none when a rescoring just found no open order.
/// </summary>
public static class HoldRelease
{
    public const int Calls = 2;

    private static readonly string[] OrderColumns =
        [SalesOrder.Fields.Name, SalesOrder.Fields.TotalAmount, SalesOrder.Fields.Channel, SalesOrder.Fields.HoldReasonCode];

    /// <summary>
    /// After a rescoring of the account in the same transaction: when it found no open order, none can be on hold and
    /// neither read is made (the common case for a payment or a scheduled rescoring).
    /// </summary>
    public static IReadOnlyList<Guid> ReleaseCuredHolds(IOrganizationService service, ITracingService tracing, RescoreResult rescored, Guid accountId, string cause, DateTime now)
    {
        if (rescored.OpenOrderCount == 0)
        {
            tracing.Trace("Account {0} has no open orders: no hold to re-check.", accountId);
            return [];
        }

        return ReleaseCuredHolds(service, tracing, accountId, cause, now);
    }

    public static IReadOnlyList<Guid> ReleaseCuredHolds(IOrganizationService service, ITracingService tracing, Guid accountId, string cause, DateTime now)
    {
        var account = AccountCreditRecord.ReadForOrders(service, accountId, now);
        var held = ReadHeldOrders(service, accountId);
        var released = new List<Guid>();
        if (held.Count == 0 || string.IsNullOrEmpty(account.CurrencyCode))
        {
            return released;
        }

        // The group's exposure of the moment (one aggregate, only for an account in a credit group): a release adds no
        // exposure (held orders already count), so it needs no lock on the group parent.
        var groupExposureWithHeld = account.Group is { } group
            ? CreditGroupExposure.Read(service, group, account.Id, account.CurrencyId!.Value, account.Exposure(account.CurrencyCode!).Total)
            : null;

        foreach (var order in held)
        {
            var amount = order.MoneyOrZero(SalesOrder.Fields.TotalAmount);
            var channel = order.ChoiceOrNull(SalesOrder.Fields.Channel) is { } value ? Enum.GetName(typeof(OrderChannel), value) ?? string.Empty : string.Empty;
            OrderDecision decision;
            try
            {
                // Held orders already count in open orders: decided as exposure without the order plus its amount.
                var groupWithoutOrder = groupExposureWithHeld is null ? null : groupExposureWithHeld with { ExposureBeforeOrder = Math.Max(0m, groupExposureWithHeld.ExposureBeforeOrder - amount) };
                decision = OrderDecisionEngine.Decide(AccountOrderCheckInput.For(account, amount, account.CurrencyCode!, channel, amount, now, groupWithoutOrder));
            }
            catch (CreditInputException invalid)
            {
                tracing.Trace("Held order {0} kept on hold: {1}", order.Id, invalid.Message);
                continue;
            }

            if (!decision.AllowsOrder)
            {
                tracing.Trace("Held order {0} stays on hold: {1}", order.Id, decision.PrimaryReason);
                continue;
            }

            service.Update(new Entity(SalesOrder.EntityLogicalName, order.Id)
            {
                [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)SalesOrderCreditStatus.Released),
                [SalesOrder.Fields.HoldReason] = "Released: " + cause + " cured the hold (" + order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode) + "). " + decision.Message,
                [SalesOrder.Fields.HoldReasonCode] = null,
                [SalesOrder.Fields.CreditCheckedOn] = now,
            });
            released.Add(order.Id);
            tracing.Trace("Released held order {0}: {1}", order.Id, decision.Figures.Summary);
        }

        return released;
    }

    private static List<Entity> ReadHeldOrders(IOrganizationService service, Guid accountId)
    {
        var query = new QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = new ColumnSet(OrderColumns) };
        query.Criteria.AddCondition(SalesOrder.Fields.CustomerId, ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition(SalesOrder.Fields.CreditStatus, ConditionOperator.Equal, (int)SalesOrderCreditStatus.OnHold);
        query.Criteria.AddCondition(SalesOrder.Fields.StateCode, ConditionOperator.In, (int)SalesOrderState.Active, (int)SalesOrderState.Submitted);
        query.AddOrder(SalesOrder.Fields.CreatedOn, OrderType.Ascending);
        return service.RetrieveMultiple(query).Entities.ToList();
    }
}
