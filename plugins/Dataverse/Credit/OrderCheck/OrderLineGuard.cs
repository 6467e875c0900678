using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// The credit check decides an order on its amount (<c>totalamount</c>). Once it has decided (approved, held, awaiting
/// prepayment, refused, released or rejected), a person's lines may not have the order bill more than that amount: a line
/// added or raised so that the lines, less the order discount, plus its freight and tax (<see cref="OrderBill"/>), bill more
/// is refused with the figures, and the person raises the order's amount first, which the check decides again
/// (<see cref="SalesOrderCredit.TriggerColumns"/>). Measuring the lines alone let a rep who had raised the freight and the
/// amount together, as <see cref="OrderHeaderGuard"/> asks, then add lines up to the whole amount, so the order billed the
/// freight on top of what was checked (controls round 28). A line that orders less than nothing (a credit line: negative
/// quantity, price or a discount beyond its price) raises what the order bills when it leaves: deleted, or moved to another
/// order, it is measured like a line added (<see cref="CheckRemoval"/>), unless the order itself is being deleted. Removing
/// or lowering any other line bills less and stays open. An order not yet checked is the rep's to fill in. The credit flow
/// (SYSTEM) is not bound.
/// </summary>
public static class OrderLineGuard
{
    /// <summary>The pre-image of the update and delete steps: what the line was.</summary>
    public const string ImageColumns = SalesOrderDetail.Fields.SalesOrderId + "," + SalesOrderDetail.Fields.Quantity + ","
        + SalesOrderDetail.Fields.PricePerUnit + "," + SalesOrderDetail.Fields.ManualDiscountAmount + "," + SalesOrderDetail.Fields.ExtendedAmount;

    /// <summary>The most calls one run makes: the order a credit line leaves and the order it joins (one query each), and who SYSTEM is.</summary>
    public const int MaximumCalls = 3;

    private const string LineAlias = "line";

    /// <param name="line">The line as it would be saved (target over its pre-image).</param>
    /// <param name="before">The line before (null on create).</param>
    /// <param name="isCreditFlow">Whether SYSTEM saves it (asked only when a line would have an order bill more than was checked).</param>
    /// <returns>The queries made: 0 when the line orders no more than before, else 1 per order measured.</returns>
    public static int Check(IOrganizationService system, Entity line, Entity? before, Func<bool> isCreditFlow)
    {
        var orderId = line.GetAttributeValue<EntityReference>(SalesOrderDetail.Fields.SalesOrderId)?.Id;
        var amount = AmountOf(line);
        var from = before?.GetAttributeValue<EntityReference>(SalesOrderDetail.Fields.SalesOrderId)?.Id;
        var movedOrder = before is not null && from != orderId;
        var calls = movedOrder && from is { } source ? Leaving(system, before!, source, "is moved to another order", "move the line", isCreditFlow) : 0;
        if (orderId is null || (before is not null && !movedOrder && amount <= AmountOf(before)))
        {
            return calls;
        }

        return calls + Measure(system, orderId.Value, line.Id, amount, "with this line", "change its lines", isCreditFlow);
    }

    /// <summary>
    /// A line deleted (<paramref name="before"/> its pre-image): a credit line's leaving raises what its order bills, so it is
    /// measured like a line added; any other line bills less and goes without a call.
    /// </summary>
    /// <returns>The queries made: 0, or 1 for a credit line.</returns>
    public static int CheckRemoval(IOrganizationService system, Entity before, Func<bool> isCreditFlow) =>
        before.GetAttributeValue<EntityReference>(SalesOrderDetail.Fields.SalesOrderId)?.Id is { } orderId
            ? Leaving(system, before, orderId, "is deleted", "delete the line", isCreditFlow)
            : 0;

    private static int Leaving(IOrganizationService system, Entity before, Guid orderId, string how, string then, Func<bool> isCreditFlow)
    {
        var amount = AmountOf(before);
        return amount >= 0m
            ? 0
            : Measure(system, orderId, before.Id, 0m, $"once its credit line of {ApprovalText.Amount(amount)} {how},", then, isCreditFlow);
    }

    /// <summary>What the order would bill with the line at <paramref name="lineAmount"/> (0 when it leaves), against the amount checked.</summary>
    private static int Measure(IOrganizationService system, Guid orderId, Guid lineId, decimal lineAmount, string change, string then, Func<bool> isCreditFlow)
    {
        var query = new QueryExpression(SalesOrder.EntityLogicalName)
        {
            ColumnSet = new ColumnSet(SalesOrder.Fields.Name, SalesOrder.Fields.TotalAmount, SalesOrder.Fields.CreditStatus, SalesOrder.Fields.DiscountPercentage,
                SalesOrder.Fields.DiscountAmount, SalesOrder.Fields.FreightAmount, SalesOrder.Fields.TotalTax),
        };
        query.Criteria.AddCondition(SalesOrder.Fields.SalesorderId, ConditionOperator.Equal, orderId);
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
            .Where(row => row.GetAttributeValue<AliasedValue>(LineAlias + "." + SalesOrderDetail.Fields.SalesOrderDetailId)?.Value is Guid id && id != lineId)
            .Sum(row => AmountOf(
                Aliased<decimal?>(row, SalesOrderDetail.Fields.Quantity),
                Aliased<Money>(row, SalesOrderDetail.Fields.PricePerUnit)?.Value,
                Aliased<Money>(row, SalesOrderDetail.Fields.ManualDiscountAmount)?.Value,
                Aliased<Money>(row, SalesOrderDetail.Fields.ExtendedAmount)?.Value));
        var bill = OrderHeaderGuard.BillOf(order, others + lineAmount);
        var checkedAt = order.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m;
        if (bill.Total <= checkedAt || isCreditFlow())
        {
            return 1;
        }

        var name = order.GetAttributeValue<string>(SalesOrder.Fields.Name) ?? orderId.ToString();
        var billed = bill.HasHeaderFigures
            ? $"its lines would total {ApprovalText.Amount(bill.Lines)} and it would bill {ApprovalText.Amount(bill.Total)} ({bill.Describe()})"
            : $"its lines would total {ApprovalText.Amount(bill.Total)}";
        throw new InvalidPluginExecutionException(
            $"Order '{name}' was credit-checked at {ApprovalText.Amount(checkedAt)} ({Describe(status.Value)}); {change} {billed}, "
            + $"{ApprovalText.Amount(bill.Total - checkedAt)} more than the credit check decided. Raise the order's amount to {ApprovalText.Amount(bill.Total)} first, so the credit check decides it again, then {then}.");
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
