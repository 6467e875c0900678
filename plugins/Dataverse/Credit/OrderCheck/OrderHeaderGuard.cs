using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// The credit check decides an order on its amount (<c>totalamount</c>). Dataverse's order pricing bills the lines
/// less the order discount (amount and percentage) plus freight and tax, so a person who raises the freight or the
/// tax, or lowers the discount, of an order the check has decided would bill more than it was checked for without
/// the check deciding again (those columns are not its trigger columns). Such a change is refused with the figures
/// unless the order's amount is saved with it, which the check decides again. Lowering what is billed stays open, as
/// does an order not yet checked (the rep's to fill in). The credit flow (SYSTEM) is not bound. No service call
/// unless it would refuse (then one: who SYSTEM is).
/// </summary>
public static class OrderHeaderGuard
{
    /// <summary>The columns whose change may raise what the order bills (the step's filtering attributes).</summary>
    public const string WatchedColumns = SalesOrder.Fields.FreightAmount + "," + SalesOrder.Fields.TotalTax + ","
        + SalesOrder.Fields.DiscountAmount + "," + SalesOrder.Fields.DiscountPercentage;

    /// <summary>The pre-image: the billed figures as they were, the amount checked and its status.</summary>
    public const string ImageColumns = WatchedColumns + "," + SalesOrder.Fields.Name + "," + SalesOrder.Fields.TotalAmount + ","
        + SalesOrder.Fields.TotalLineItemAmount + "," + SalesOrder.Fields.CreditStatus;

    /// <param name="target">The update as sent.</param>
    /// <param name="before">The order before it (the pre-image).</param>
    /// <param name="isCreditFlow">Whether SYSTEM saves it (asked only when the change would bill more).</param>
    public static void Check(Entity target, Entity before, Func<bool> isCreditFlow)
    {
        var status = before.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus)?.Value;
        if (target.Contains(SalesOrder.Fields.TotalAmount) || status is null or (int)SalesOrderCreditStatus.NotChecked)
        {
            return;
        }

        var changes = new List<string>();
        var more = 0m;
        more += Raised(target, before, SalesOrder.Fields.FreightAmount, "freight", changes);
        more += Raised(target, before, SalesOrder.Fields.TotalTax, "tax", changes);
        more -= Lowered(target, before, SalesOrder.Fields.DiscountAmount, "discount", changes);
        if (target.Contains(SalesOrder.Fields.DiscountPercentage))
        {
            var was = before.GetAttributeValue<decimal?>(SalesOrder.Fields.DiscountPercentage) ?? 0m;
            var now = target.GetAttributeValue<decimal?>(SalesOrder.Fields.DiscountPercentage) ?? 0m;
            if (now < was)
            {
                var lines = before.GetAttributeValue<Money>(SalesOrder.Fields.TotalLineItemAmount)?.Value ?? 0m;
                more += Math.Round((was - now) / 100m * lines, 2, MidpointRounding.AwayFromZero);
                changes.Add($"lowering its discount from {ApprovalText.Percent(was)} to {ApprovalText.Percent(now)} (of lines totalling {ApprovalText.Amount(lines)})");
            }
        }

        if (changes.Count == 0 || isCreditFlow())
        {
            return;
        }

        var name = before.GetAttributeValue<string>(SalesOrder.Fields.Name) ?? before.Id.ToString();
        var checkedAt = before.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m;
        throw new InvalidPluginExecutionException(
            $"Order '{name}' was credit-checked at {ApprovalText.Amount(checkedAt)}; {string.Join(" and ", changes)} would bill "
            + $"{ApprovalText.Amount(more)} more, {ApprovalText.Amount(checkedAt + more)} in all, which the credit check has not decided. "
            + $"Save the order's amount ({ApprovalText.Amount(checkedAt + more)}) with the change so the credit check decides it again.");
    }

    private static decimal Raised(Entity target, Entity before, string column, string what, List<string> changes)
    {
        if (!target.Contains(column))
        {
            return 0m;
        }

        var was = before.GetAttributeValue<Money>(column)?.Value ?? 0m;
        var now = target.GetAttributeValue<Money>(column)?.Value ?? 0m;
        if (now <= was)
        {
            return 0m;
        }

        changes.Add($"raising its {what} from {ApprovalText.Amount(was)} to {ApprovalText.Amount(now)}");
        return now - was;
    }

    private static decimal Lowered(Entity target, Entity before, string column, string what, List<string> changes)
    {
        if (!target.Contains(column))
        {
            return 0m;
        }

        var was = before.GetAttributeValue<Money>(column)?.Value ?? 0m;
        var now = target.GetAttributeValue<Money>(column)?.Value ?? 0m;
        if (now >= was)
        {
            return 0m;
        }

        changes.Add($"lowering its {what} from {ApprovalText.Amount(was)} to {ApprovalText.Amount(now)}");
        return now - was;
    }
}
