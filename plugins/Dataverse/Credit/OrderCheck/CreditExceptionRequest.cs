using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// The sales rep asks Finance for an exception from an order the credit check refused: the order becomes a held order
/// (On hold, with the rep's reason before the refusal's reasons and figures) and its amount counts in the customer's
/// open orders again, under the account's row lock, as a held order's does. The "Route held order for credit approval"
/// process then raises the approval request, so Finance decides it like any held order, through the one decision path.
/// Only the order's owner or whoever entered it asks, with a reason, and only while the order is refused and open.
/// Written as SYSTEM: credit status is the credit flow's column.
/// </summary>
public static class CreditExceptionRequest
{
    /// <summary>cos_holdreason's MaxLength in the solution.</summary>
    private const int HoldReasonMaxLength = 2000;

    private static readonly ColumnSet OrderColumns = new(
        SalesOrder.Fields.Name,
        SalesOrder.Fields.CustomerId,
        SalesOrder.Fields.TotalAmount,
        SalesOrder.Fields.StateCode,
        SalesOrder.Fields.CreditStatus,
        SalesOrder.Fields.HoldReason,
        SalesOrder.Fields.OwnerId,
        SalesOrder.Fields.CreatedBy);

    /// <param name="system">An organization service running as SYSTEM.</param>
    public static void Request(IOrganizationService system, Guid callerId, EntityReference order, string? reason, DateTime asOf)
    {
        var row = system.Retrieve(SalesOrder.EntityLogicalName, order.Id, OrderColumns);
        var name = row.GetAttributeValue<string>(SalesOrder.Fields.Name) ?? order.Id.ToString();
        if (row.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus)?.Value != (int)SalesOrderCreditStatus.Refused)
        {
            throw new InvalidPluginExecutionException(
                $"Order '{name}' was not refused by the credit check, so there is nothing to except it from; an order on hold is already with Finance.");
        }

        if (!SalesOrderCredit.IsOpen(row.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.StateCode)))
        {
            throw new InvalidPluginExecutionException($"Order '{name}' is no longer open; enter a new order instead.");
        }

        var text = reason?.Trim();
        if (text is null || text.Length == 0)
        {
            throw new InvalidPluginExecutionException($"Asking Finance for an exception from refused order '{name}' needs the reason it should go through.");
        }

        if (row.GetAttributeValue<EntityReference>(SalesOrder.Fields.OwnerId)?.Id != callerId && row.GetAttributeValue<EntityReference>(SalesOrder.Fields.CreatedBy)?.Id != callerId)
        {
            throw new InvalidPluginExecutionException($"Only the sales rep who owns or entered order '{name}' asks Finance for an exception from its refusal.");
        }

        var customer = row.GetAttributeValue<EntityReference>(SalesOrder.Fields.CustomerId);
        if (customer is null || customer.LogicalName != Account.EntityLogicalName)
        {
            throw new InvalidPluginExecutionException($"Order '{name}' has no customer account, so it cannot go to Finance.");
        }

        AccountLock.Claim(system, customer.Id, Account.Fields.CreditCheckedOn, asOf);
        var account = AccountCreditRecord.Read(system, customer.Id);
        var amount = row.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m;
        var changes = AccountExposureColumns.Changes(account, account.OpenOrders + amount, asOf);
        if (changes.Attributes.Count > 0)
        {
            system.Update(changes);
        }

        var held = "Exception requested by the sales rep: " + text.TrimEnd('.') + ". Refused by the credit check: " + row.GetAttributeValue<string>(SalesOrder.Fields.HoldReason);
        system.Update(new Entity(SalesOrder.EntityLogicalName, order.Id)
        {
            [SalesOrder.Fields.CreditStatus] = new OptionSetValue((int)SalesOrderCreditStatus.OnHold),
            [SalesOrder.Fields.HoldReason] = held.Length <= HoldReasonMaxLength ? held : held.Substring(0, HoldReasonMaxLength - 1) + "…",
        });
    }
}
