using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using RequestFields = CreditOS.Dataverse.Model.CreditApprovalRequest.Fields;

namespace CreditOS.Dataverse.Approvals;

/// <summary>
/// An order request is decided on the order it shows. The routing process that cancels a request whose order changed
/// (<see cref="OrderApprovalRouter"/>) runs in the background, so between a sales rep's change and that process a
/// Finance approver could approve the 12,000 order the request shows and release the 200,000 order the sales rep made
/// of it, or reject an order the credit check has since approved. Before an approval or a rejection is recorded the order
/// must still be open, on credit hold, for the request's customer, amount and currency (read with the request, no extra
/// call); otherwise the decision is refused with what changed, and the routing process replaces the request.
/// </summary>
public static class OrderRequestFigures
{
    private const string Order = ApprovalRequestStore.OrderAlias + ".";

    /// <param name="request">The request as <see cref="ApprovalRequestStore.RetrieveForDecision"/> read it (the order joined).</param>
    public static void EnsureOrderUnchanged(Entity request, string name)
    {
        if ((CreditApprovalRequestType?)request.GetAttributeValue<OptionSetValue>(RequestFields.RequestType)?.Value != CreditApprovalRequestType.Order)
        {
            return;
        }

        var changes = Changes(request);
        if (changes.Count == 0)
        {
            return;
        }

        throw new InvalidPluginExecutionException(
            $"Credit approval request '{name}' cannot be decided: it shows the order as it was when it was raised, but {string.Join("; ", changes)}. "
            + "A decision is taken only on the figures the request shows: the routing process cancels this request and, if the order is still on credit hold, raises a new one with the order as it is now.");
    }

    private static List<string> Changes(Entity request)
    {
        var state = request.Aliased<OptionSetValue>(Order + SalesOrder.Fields.StateCode)?.Value;
        if (state is null)
        {
            return ["the order no longer exists"];
        }

        var changes = new List<string>();
        if (state is not ((int)SalesOrderState.Active or (int)SalesOrderState.Submitted))
        {
            changes.Add($"the order is now {((SalesOrderState)state.Value).ToString().ToLowerInvariant()}");
        }

        var status = request.Aliased<OptionSetValue>(Order + SalesOrder.Fields.CreditStatus)?.Value;
        if (status != (int)SalesOrderCreditStatus.OnHold)
        {
            var label = status is { } value && Enum.IsDefined(typeof(SalesOrderCreditStatus), value) ? ((SalesOrderCreditStatus)value).ToString() : "not checked";
            changes.Add($"the credit check no longer holds it (credit status {label})");
        }

        var shown = request.GetAttributeValue<Money>(RequestFields.OrderAmount)?.Value ?? 0m;
        var amount = request.Aliased<Money>(Order + SalesOrder.Fields.TotalAmount)?.Value ?? 0m;
        if (amount != shown)
        {
            changes.Add($"its amount changed from {ApprovalText.Amount(shown)} to {ApprovalText.Amount(amount)}");
        }

        if (request.Aliased<EntityReference>(Order + SalesOrder.Fields.CustomerId)?.Id != request.GetAttributeValue<EntityReference>(RequestFields.AccountId)?.Id)
        {
            changes.Add("its customer changed");
        }

        var currency = request.GetAttributeValue<EntityReference>(RequestFields.TransactionCurrencyId);
        if (currency is not null && request.Aliased<EntityReference>(Order + SalesOrder.Fields.TransactionCurrencyId)?.Id != currency.Id)
        {
            changes.Add("its currency changed");
        }

        return changes;
    }
}
