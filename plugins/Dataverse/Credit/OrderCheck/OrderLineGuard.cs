using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// The credit check decides an order on its amount (<c>totalamount</c>). Once it has decided (approved, held, awaiting
/// prepayment, refused, released or rejected), a person's lines may not order more than that amount: a line added or
/// raised so the lines total more is refused with the figures, and the person raises the order's amount first, which
/// the check decides again (<see cref="SalesOrderCredit.TriggerColumns"/>). Removing a line or lowering one orders less
/// and stays open. An order not yet checked is the rep's to fill in. The credit flow (SYSTEM) is not bound.
/// </summary>
public static class OrderLineGuard
{
    /// <summary>The pre-image of the update step: what the line was.</summary>
    public const string ImageColumns = SalesOrderDetail.Fields.SalesOrderId + "," + SalesOrderDetail.Fields.Quantity + ","
        + SalesOrderDetail.Fields.PricePerUnit + "," + SalesOrderDetail.Fields.ManualDiscountAmount + "," + SalesOrderDetail.Fields.ExtendedAmount;

    private const string LineAlias = "line";

    /// <param name="line">The line as it would be saved (target over its pre-image).</param>
    /// <param name="before">The line before (null on create).</param>
    /// <param name="isCreditFlow">Whether SYSTEM saves it (asked only when a line would order more than was checked).</param>
    /// <returns>The organization-service calls made: 0 when the line orders no more than before, else 1.</returns>
    public static int Check(IOrganizationService system, Entity line, Entity? before, Func<bool> isCreditFlow)
    {
        var orderId = line.GetAttributeValue<EntityReference>(SalesOrderDetail.Fields.SalesOrderId)?.Id;
        var amount = AmountOf(line);
        var movedOrder = before is not null && before.GetAttributeValue<EntityReference>(SalesOrderDetail.Fields.SalesOrderId)?.Id != orderId;
        if (orderId is null || (before is not null && !movedOrder && amount <= AmountOf(before)))
        {
            return 0;
        }

        var query = new QueryExpression(SalesOrder.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(SalesOrder.Fields.Name, SalesOrder.Fields.TotalAmount, SalesOrder.Fields.CreditStatus),
        };
        query.Criteria.AddCondition(SalesOrder.Fields.SalesorderId, ConditionOperator.Equal, orderId.Value);
        var lines = query.AddLink(SalesOrderDetail.EntityLogicalName, SalesOrder.Fields.SalesorderId, SalesOrderDetail.Fields.SalesOrderId, JoinOperator.LeftOuter);
        lines.EntityAlias = LineAlias;
        lines.Columns = new ColumnSet(SalesOrderDetail.Fields.SalesOrderDetailId, SalesOrderDetail.Fields.Quantity, SalesOrderDetail.Fields.PricePerUnit,
            SalesOrderDetail.Fields.ManualDiscountAmount, SalesOrderDetail.Fields.ExtendedAmount);
        var rows = system.RetrieveMultiple(query).Entities;
        if (rows.Count == 0)
        {
            return 1;
        }

        var order = rows[0];
        var status = order.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus)?.Value;
        if (status is null or (int)SalesOrderCreditStatus.NotChecked)
        {
            return 1;
        }

        var others = rows
            .Where(row => row.GetAttributeValue<AliasedValue>(LineAlias + "." + SalesOrderDetail.Fields.SalesOrderDetailId)?.Value is Guid id && id != line.Id)
            .Sum(row => AmountOf(
                Aliased<decimal?>(row, SalesOrderDetail.Fields.Quantity),
                Aliased<Money>(row, SalesOrderDetail.Fields.PricePerUnit)?.Value,
                Aliased<Money>(row, SalesOrderDetail.Fields.ManualDiscountAmount)?.Value,
                Aliased<Money>(row, SalesOrderDetail.Fields.ExtendedAmount)?.Value));
        var total = others + amount;
        var checkedAt = order.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m;
        if (total <= checkedAt || isCreditFlow())
        {
            return 1;
        }

        var name = order.GetAttributeValue<string>(SalesOrder.Fields.Name) ?? orderId.Value.ToString();
        throw new InvalidPluginExecutionException(
            $"Order '{name}' was credit-checked at {ApprovalText.Amount(checkedAt)} ({Describe(status.Value)}); with this line its lines would total {ApprovalText.Amount(total)}, "
            + $"{ApprovalText.Amount(total - checkedAt)} more than the credit check decided. Raise the order's amount to {ApprovalText.Amount(total)} first, so the credit check decides it again, then change its lines.");
    }

    /// <summary>What the order's lines order together (one query): the amount the order may not be lowered below.</summary>
    public static decimal LinesTotal(IOrganizationService system, Guid orderId)
    {
        var query = new QueryExpression(SalesOrderDetail.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(SalesOrderDetail.Fields.Quantity, SalesOrderDetail.Fields.PricePerUnit, SalesOrderDetail.Fields.ManualDiscountAmount, SalesOrderDetail.Fields.ExtendedAmount),
        };
        query.Criteria.AddCondition(SalesOrderDetail.Fields.SalesOrderId, ConditionOperator.Equal, orderId);
        return system.RetrieveMultiple(query).Entities.Sum(AmountOf);
    }

    /// <summary>What a line orders: quantity × price per unit less its discount, or its extended amount when it has no price.</summary>
    public static decimal AmountOf(Entity line) => AmountOf(
        line.GetAttributeValue<decimal?>(SalesOrderDetail.Fields.Quantity),
        line.GetAttributeValue<Money>(SalesOrderDetail.Fields.PricePerUnit)?.Value,
        line.GetAttributeValue<Money>(SalesOrderDetail.Fields.ManualDiscountAmount)?.Value,
        line.GetAttributeValue<Money>(SalesOrderDetail.Fields.ExtendedAmount)?.Value);

    private static decimal AmountOf(decimal? quantity, decimal? pricePerUnit, decimal? discount, decimal? extended) =>
        pricePerUnit is { } price ? ((quantity ?? 1m) * price) - (discount ?? 0m) : extended ?? 0m;

    private static T? Aliased<T>(Entity row, string column) =>
        row.GetAttributeValue<AliasedValue>(LineAlias + "." + column)?.Value is T value ? value : default;

    private static string Describe(int status) => status switch
    {
        (int)SalesOrderCreditStatus.Approved or (int)SalesOrderCreditStatus.ApprovedWithinGrace => "approved",
        (int)SalesOrderCreditStatus.Released => "released by Finance",
        (int)SalesOrderCreditStatus.OnHold => "on hold awaiting Finance",
        (int)SalesOrderCreditStatus.AwaitingPrepayment => "awaiting the customer's prepayment",
        (int)SalesOrderCreditStatus.Refused => "refused by the credit check",
        (int)SalesOrderCreditStatus.Rejected => "rejected by Finance",
        _ => "checked",
    };
}
