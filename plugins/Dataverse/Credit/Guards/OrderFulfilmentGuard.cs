using CreditOS.CreditEngine;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// An order the credit check has not cleared (on hold, awaiting prepayment, refused by the check, rejected by Finance, or not yet checked) cannot be fulfilled
/// or invoiced, by anyone: it goes through Finance first. Cleared means approved, approved within grace, or released
/// by Finance. Cancelling stays possible. The state asked for is <c>statecode</c>, or, when only a status reason is sent,
/// the state that status reason belongs to (Fulfilled: Complete, Partial; Invoiced: Invoiced), so an update of
/// <c>statuscode</c> alone is held the same way whether or not the platform moves the state with it (the local Dataverse
/// refuses a status reason of another state; the guard does not rely on it).
/// Controls round 12 (front line): the order check decides only open orders (active or submitted), so two more ways to
/// ship what it never decided are refused here, by anyone: a cancelled order gave its credit back when it was cancelled
/// (its amount left the customer's open orders) and is fulfilled or invoiced only after it is reactivated, which decides
/// it again against the credit used since; and a fulfilled or invoiced order, or one being fulfilled or invoiced in the
/// same save, bills no more than the amount it had while open: its amount is not raised (lowering it stays open).
/// </summary>
public static class OrderFulfilmentGuard
{
    public const string ImageColumns = SalesOrder.Fields.Name + "," + SalesOrder.Fields.CreditStatus + "," + SalesOrder.Fields.HoldReason + ","
        + SalesOrder.Fields.StateCode + "," + SalesOrder.Fields.TotalAmount;

    /// <summary>The step's filtering attributes: the state, the status reason that may carry it, and the amount.</summary>
    public const string FilteringColumns = SalesOrder.Fields.StateCode + "," + SalesOrder.Fields.StatusCode + "," + SalesOrder.Fields.TotalAmount;

    public static void Check(Entity target, Entity before)
    {
        var current = before.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode)?.Value;
        var next = target.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode)?.Value
            ?? StateOfStatusReason(target.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StatusCode)?.Value);
        EnsureAmountNotRaised(target, before, current, next ?? current);
        if (next is not ((int)SalesOrderState.Fulfilled or (int)SalesOrderState.Invoiced) || next == current)
        {
            return;
        }

        EnsureNotCancelled(before, next.Value, current);

        var status = (target.Contains(SalesOrder.Fields.CreditStatus) ? target : before).GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus)?.Value;
        if (status is (int)SalesOrderCreditStatus.Approved or (int)SalesOrderCreditStatus.ApprovedWithinGrace or (int)SalesOrderCreditStatus.Released)
        {
            return;
        }

        var name = before.GetAttributeValue<string>(SalesOrder.Fields.Name) ?? before.Id.ToString();
        var action = next == (int)SalesOrderState.Fulfilled ? "fulfilled" : "invoiced";
        var reason = before.GetAttributeValue<string>(SalesOrder.Fields.HoldReason);
        throw new InvalidPluginExecutionException(
            $"Order '{name}' cannot be {action}: its credit status is {Describe(status)}"
            + (string.IsNullOrEmpty(reason) ? "." : $" ({reason}).")
            + " Only an order the credit check approved or Finance released can be fulfilled or invoiced.");
    }

    /// <summary>
    /// A fulfilled or invoiced order (after the save) keeps the amount it had: the order check decides only open orders,
    /// so an amount raised on a closed order, or in the save that closes it, would bill what no check decided.
    /// </summary>
    private static void EnsureAmountNotRaised(Entity target, Entity before, int? current, int? stateAfter)
    {
        if (stateAfter is not ((int)SalesOrderState.Fulfilled or (int)SalesOrderState.Invoiced) || !target.Contains(SalesOrder.Fields.TotalAmount))
        {
            return;
        }

        var was = before.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m;
        var asked = target.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m;
        if (asked <= was)
        {
            return;
        }

        var name = before.GetAttributeValue<string>(SalesOrder.Fields.Name) ?? before.Id.ToString();
        var state = (stateAfter == current ? "is " : "is being ") + (stateAfter == (int)SalesOrderState.Fulfilled ? "fulfilled" : "invoiced");
        throw new InvalidPluginExecutionException(
            $"Order '{name}' {state} at {MoneyText.Amount(was)}, the amount the credit check decided while it was open; raising it to {MoneyText.Amount(asked)} "
            + $"would bill {MoneyText.Amount(asked - was)} that no credit check decided. Enter the difference as a new order, which is checked against the customer's credit.");
    }

    /// <summary>A cancelled order gave its credit back; it is reactivated (and so checked again) before it is fulfilled or invoiced.</summary>
    private static void EnsureNotCancelled(Entity before, int next, int? current)
    {
        if (current != (int)SalesOrderState.Canceled)
        {
            return;
        }

        var name = before.GetAttributeValue<string>(SalesOrder.Fields.Name) ?? before.Id.ToString();
        var amount = before.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m;
        throw new InvalidPluginExecutionException(
            $"Order '{name}' ({MoneyText.Amount(amount)}) is cancelled, so it cannot be {(next == (int)SalesOrderState.Fulfilled ? "fulfilled" : "invoiced")}: cancelling gave its credit back "
            + "(its amount left the customer's open orders). Reactivate it first; the credit check then decides it against the credit used since.");
    }

    /// <summary>salesorder's status reasons of the Fulfilled (Complete 100001, Partial 100002) and Invoiced (100003) states.</summary>
    private static int? StateOfStatusReason(int? statusReason) => statusReason switch
    {
        100001 or 100002 => (int)SalesOrderState.Fulfilled,
        100003 => (int)SalesOrderState.Invoiced,
        _ => null,
    };

    private static string Describe(int? status) => status switch
    {
        (int)SalesOrderCreditStatus.OnHold => "on hold awaiting Finance",
        (int)SalesOrderCreditStatus.AwaitingPrepayment => "awaiting the customer's prepayment",
        (int)SalesOrderCreditStatus.Rejected => "rejected by Finance",
        (int)SalesOrderCreditStatus.Refused => "refused by the credit check",
        (int)SalesOrderCreditStatus.NotChecked or null => "not checked yet",
        _ => "not cleared",
    };
}
