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
/// Re-checks the account's open orders on credit hold or awaiting prepayment against its current picture and releases
/// those whose hold no longer applies (for example after a payment cures an overdue balance). Held orders already count
/// in exposure, so each is decided as exposure without it plus its amount, against its credit group too, and not while
/// a hold message is active, and a channel order a person changed last without the channel's tolerance (controls round 29,
/// <see cref="SalesOrderCredit.ToleratedChannel"/>). An order the engine still decides as
/// awaiting prepayment is released when the account's unapplied cash (what the customer's payments, the posting one
/// included, did not apply to invoices and no earlier release spent) covers its whole amount (the order held first goes first, each
/// taking its amount from that cash); a held order whose only remaining reason is prepayment leaves
/// Finance's queue for "Awaiting prepayment" (the routing process then cancels its request). Nothing is released for an
/// inactive customer, which takes no new credit (controls round 29; one call, the account read). Two calls (the account
/// record with its hold messages, and the held orders), a third for an account in a credit group, plus one update per
/// order changed; none when a rescoring just found no open order.
/// </summary>
public static class HoldRelease
{
    public const int Calls = 2;

    private static readonly string[] OrderColumns =
        [SalesOrder.Fields.Name, SalesOrder.Fields.TotalAmount, SalesOrder.Fields.Channel, SalesOrder.Fields.ChangedByPerson, SalesOrder.Fields.HoldReasonCode, SalesOrder.Fields.CreditStatus];

    /// <summary>
    /// After a rescoring of the account in the same transaction: when it found no open order, none can be on hold and
    /// neither read is made (the common case for a payment or a scheduled rescoring).
    /// </summary>
    /// <param name="prepayment">The posting payment's cash not applied to invoices, which pays for orders awaiting prepayment (0 for a rescoring).</param>
    public static IReadOnlyList<Guid> ReleaseCuredHolds(IOrganizationService service, ITracingService tracing, RescoreResult rescored, Guid accountId, string cause, DateTime now, decimal prepayment = 0m) =>
        ReleaseCuredHolds(service, tracing, rescored, accountId, cause, now, prepayment, out _);

    /// <param name="prepaymentLeft">What is left of <paramref name="prepayment"/> after the orders it paid for.</param>
    public static IReadOnlyList<Guid> ReleaseCuredHolds(IOrganizationService service, ITracingService tracing, RescoreResult rescored, Guid accountId, string cause, DateTime now, decimal prepayment, out decimal prepaymentLeft)
    {
        if (rescored.OpenOrderCount == 0)
        {
            tracing.Trace("Account {0} has no open orders: no hold to re-check.", accountId);
            prepaymentLeft = prepayment;
            return [];
        }

        return ReleaseCuredHolds(service, tracing, accountId, cause, now, prepayment, out prepaymentLeft);
    }

    public static IReadOnlyList<Guid> ReleaseCuredHolds(IOrganizationService service, ITracingService tracing, Guid accountId, string cause, DateTime now, decimal prepayment = 0m) =>
        ReleaseCuredHolds(service, tracing, accountId, cause, now, prepayment, out _);

    /// <param name="prepaymentLeft">What is left of <paramref name="prepayment"/> after the orders it paid for.</param>
    public static IReadOnlyList<Guid> ReleaseCuredHolds(IOrganizationService service, ITracingService tracing, Guid accountId, string cause, DateTime now, decimal prepayment, out decimal prepaymentLeft)
    {
        var account = AccountCreditRecord.ReadForOrders(service, accountId, now);
        var released = new List<Guid>();
        prepaymentLeft = prepayment;
        if (!account.IsActive)
        {
            // An inactive customer takes no new credit (controls round 10, InactiveCustomer) and a release is a credit decision
            // like the order check's: its held orders wait for the reactivation, which rescores it (controls round 29).
            tracing.Trace("Account {0} is inactive: its held orders stay held until it is reactivated.", accountId);
            return released;
        }

        var held = ReadHeldOrders(service, accountId);
        if (held.Count == 0 || string.IsNullOrEmpty(account.CurrencyCode))
        {
            return released;
        }

        // The groups' exposure of the moment (one aggregate per credit group the account is in, one more query for a deep
        // hierarchy): a release adds no exposure (held orders already count), so it needs no lock on the group parents.
        var groupsExposureWithHeld = CreditGroups.Of(service, account.Hierarchy, out _)
            .Select(group => CreditGroupExposure.Read(service, group, account.Id, account.CurrencyId!.Value, account.Exposure(account.CurrencyCode!).Total))
            .ToList();

        foreach (var order in held)
        {
            var amount = order.MoneyOrZero(SalesOrder.Fields.TotalAmount);
            // As the order check decided it: a channel order a person changed last has no trusted tolerance (controls round 29).
            var channel = SalesOrderCredit.ToleratedChannel(
                order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.Channel), order.GetAttributeValue<bool?>(SalesOrder.Fields.ChangedByPerson) == true);
            OrderDecision decision;
            try
            {
                // Held orders already count in open orders: decided as exposure without the order plus its amount.
                var groupsWithoutOrder = groupsExposureWithHeld.Select(group => group with { ExposureBeforeOrder = Math.Max(0m, group.ExposureBeforeOrder - amount) }).ToList();
                decision = OrderDecisionEngine.Decide(AccountOrderCheckInput.For(account, amount, account.CurrencyCode!, channel, amount, now, groupsWithoutOrder));
            }
            catch (CreditInputException invalid)
            {
                tracing.Trace("Held order {0} kept on hold: {1}", order.Id, invalid.Message);
                continue;
            }

            var codes = order.GetAttributeValue<string>(SalesOrder.Fields.HoldReasonCode);
            if (decision.AllowsOrder)
            {
                Release(service, order.Id, "Released: " + cause + " cured the hold (" + codes + "). " + decision.Message, now);
                released.Add(order.Id);
                tracing.Trace("Released held order {0}: {1}", order.Id, decision.Figures.Summary);
                continue;
            }

            if (!decision.AwaitsPrepayment)
            {
                tracing.Trace("Held order {0} stays on hold: {1}", order.Id, decision.PrimaryReason);
                continue;
            }

            if (prepayment >= amount && amount > 0)
            {
                prepayment -= amount;
                Release(
                    service,
                    order.Id,
                    "Released: " + cause + " paid the order of " + MoneyText.Amount(amount) + " in advance (" + MoneyText.Amount(prepayment) + " of its unapplied cash left). " + decision.Message,
                    now);
                released.Add(order.Id);
                tracing.Trace("Released order {0} awaiting prepayment: {1} paid in advance by {2}.", order.Id, MoneyText.Amount(amount), cause);
                continue;
            }

            if (order.ChoiceOrNull(SalesOrder.Fields.CreditStatus) == (int)SalesOrderCreditStatus.OnHold)
            {
                // Prepayment terms are now the only reason: Finance has nothing to decide; the order waits for the payment.
                service.Update(new Entity(SalesOrder.EntityLogicalName, order.Id)
                {
                    [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)SalesOrderCreditStatus.AwaitingPrepayment),
                    [SalesOrder.Fields.HoldReason] = cause + " cured every hold reason but prepayment (" + codes + "). " + decision.Message,
                    [SalesOrder.Fields.HoldReasonCode] = SalesOrderCredit.HoldCodes(decision),
                    [SalesOrder.Fields.CreditCheckedOn] = now,
                });
                tracing.Trace("Held order {0} now awaits prepayment only.", order.Id);
                continue;
            }

            tracing.Trace(
                "Order {0} still awaits prepayment: {1} not covered by the {2} of unapplied cash.", order.Id, MoneyText.Amount(amount), MoneyText.Amount(prepayment));
        }

        prepaymentLeft = prepayment;
        return released;
    }

    private static void Release(IOrganizationService service, Guid orderId, string reason, DateTime now) =>
        service.Update(new Entity(SalesOrder.EntityLogicalName, orderId)
        {
            [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)SalesOrderCreditStatus.Released),
            [SalesOrder.Fields.HoldReason] = reason,
            [SalesOrder.Fields.HoldReasonCode] = null,
            [SalesOrder.Fields.CreditCheckedOn] = now,
        });

    private static List<Entity> ReadHeldOrders(IOrganizationService service, Guid accountId)
    {
        var query = new QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = new ColumnSet(OrderColumns) };
        query.Criteria.AddCondition(SalesOrder.Fields.CustomerId, ConditionOperator.Equal, accountId);
        query.Criteria.AddCondition(
            SalesOrder.Fields.CreditStatus, ConditionOperator.In, (int)SalesOrderCreditStatus.OnHold, (int)SalesOrderCreditStatus.AwaitingPrepayment);
        query.Criteria.AddCondition(SalesOrder.Fields.StateCode, ConditionOperator.In, (int)SalesOrderState.Active, (int)SalesOrderState.Submitted);
        // In turn from when the credit check last held each order (cos_creditcheckedon, credit-owned, stamped with every
        // decision), then by entry: an old order moved onto the customer or reactivated joins the queue when it is held,
        // not at its entry date (controls round 12; createdon cannot be backdated either, RecordedOnGuard).
        query.AddOrder(SalesOrder.Fields.CreditCheckedOn, OrderType.Ascending);
        query.AddOrder(SalesOrder.Fields.CreatedOn, OrderType.Ascending);
        return service.RetrieveMultiple(query).Entities.ToList();
    }
}
