using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Guards;

/// <summary>
/// An order the credit check has not cleared (on hold, awaiting prepayment, refused by the check, rejected by Finance, or not yet checked) cannot be fulfilled
/// or invoiced, by anyone: it goes through Finance first. Cleared means approved, approved within grace, or released
/// by Finance. Cancelling stays possible.
/// </summary>
public static class OrderFulfilmentGuard
{
    public const string ImageColumns = SalesOrder.Fields.Name + "," + SalesOrder.Fields.CreditStatus + "," + SalesOrder.Fields.HoldReason + "," + SalesOrder.Fields.StateCode;

    public static void Check(Entity target, Entity before)
    {
        var next = target.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode)?.Value;
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
