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
/// </summary>
public static class OrderFulfilmentGuard
{
    public const string ImageColumns = SalesOrder.Fields.Name + "," + SalesOrder.Fields.CreditStatus + "," + SalesOrder.Fields.HoldReason + "," + SalesOrder.Fields.StateCode;

    /// <summary>The step's filtering attributes: the state, and the status reason that may carry it.</summary>
    public const string FilteringColumns = SalesOrder.Fields.StateCode + "," + SalesOrder.Fields.StatusCode;

    public static void Check(Entity target, Entity before)
    {
        var next = target.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode)?.Value
            ?? StateOfStatusReason(target.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StatusCode)?.Value);
        if (next is not ((int)SalesOrderState.Fulfilled or (int)SalesOrderState.Invoiced)
            || next == before.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode)?.Value)
        {
            return;
        }

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
