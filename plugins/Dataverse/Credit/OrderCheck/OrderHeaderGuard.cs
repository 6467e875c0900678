using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// The credit check decides an order on its amount (<c>totalamount</c>). Dataverse's order pricing bills the lines
/// less the order discount (amount and percentage) plus freight and tax, so a person who raises the freight or the
/// tax, or lowers the discount, of an order the check has decided would bill more than it was checked for without
/// the check deciding again (those columns are not its trigger columns). Such a change is refused with the figures
/// unless the order's amount is saved with it, raised by at least what the change adds, which the check decides again
/// (re-sending the amount unchanged beside a higher freight would have the check approve the old amount again).
/// The amount itself is the other side of the order-line guard (<see cref="OrderLineGuard"/>): lowered below what the
/// order's lines order, the check would decide, and draw credit for, less than the lines ship, so that is refused too
/// (lower or remove the lines first). Lowering what is billed otherwise stays open, as does an order not yet checked
/// (the rep's to fill in). A lowered discount percentage is measured against what the order's lines order, read from the
/// lines themselves (<see cref="OrderLineGuard.LinesTotal"/>), never against the header's <c>totallineitemamount</c>: the
/// local metadata lets a person write that figure and no guard watches it, so a rep who first wrote it down to nothing
/// had lowering the percentage measured as adding nothing (controls round 25). The credit flow (SYSTEM) is not bound.
/// Calls: none unless the amount or the discount percentage is lowered (one: the order's lines, read once) or the
/// change would be refused (one more: who SYSTEM is), so at most <see cref="MaximumCalls"/>.
/// </summary>
public static class OrderHeaderGuard
{
    /// <summary>The columns whose change may raise what the order bills.</summary>
    public const string WatchedColumns = SalesOrder.Fields.FreightAmount + "," + SalesOrder.Fields.TotalTax + ","
        + SalesOrder.Fields.DiscountAmount + "," + SalesOrder.Fields.DiscountPercentage;

    /// <summary>The step's filtering attributes: the billed figures and the amount checked.</summary>
    public const string FilteringColumns = WatchedColumns + "," + SalesOrder.Fields.TotalAmount;

    /// <summary>The pre-image: the billed figures as they were, the amount checked and its status.</summary>
    public const string ImageColumns = WatchedColumns + "," + SalesOrder.Fields.Name + "," + SalesOrder.Fields.TotalAmount + ","
        + SalesOrder.Fields.CreditStatus;

    /// <summary>The most calls one run makes: the order's lines (read once) and who SYSTEM is.</summary>
    public const int MaximumCalls = 2;

    /// <param name="system">The SYSTEM service (reads the order's lines when its amount or discount percentage is lowered).</param>
    /// <param name="target">The update as sent.</param>
    /// <param name="before">The order before it (the pre-image).</param>
    /// <param name="isCreditFlow">Whether SYSTEM saves it (asked only when the change would bill more).</param>
    public static void Check(IOrganizationService system, Entity target, Entity before, Func<bool> isCreditFlow)
    {
        var status = before.GetAttributeValue<OptionSetValue>(SalesOrder.Fields.CreditStatus)?.Value;
        if (status is null or (int)SalesOrderCreditStatus.NotChecked)
        {
            return;
        }

        decimal? linesRead = null;
        decimal Lines() => linesRead ??= OrderLineGuard.LinesTotal(system, before.Id);

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
                var lines = Lines();
                more += Math.Round((was - now) / 100m * lines, 2, MidpointRounding.AwayFromZero);
                changes.Add($"lowering its discount from {ApprovalText.Percent(was)} to {ApprovalText.Percent(now)} (of lines totalling {ApprovalText.Amount(lines)})");
            }
        }

        var name = before.GetAttributeValue<string>(SalesOrder.Fields.Name) ?? before.Id.ToString();
        var checkedAt = before.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m;
        if (target.Contains(SalesOrder.Fields.TotalAmount))
        {
            var after = new Entity(SalesOrder.EntityLogicalName, before.Id);
            foreach (var column in WatchedColumns.Split(','))
            {
                after[column] = target.Contains(column) ? target[column] : before.GetAttributeValue<object>(column);
            }

            CheckAmountSaved(target, name, checkedAt, more, changes, Lines, lines => BillOf(after, lines), isCreditFlow);
            return;
        }

        if (changes.Count == 0 || isCreditFlow())
        {
            return;
        }

        throw new InvalidPluginExecutionException(
            $"Order '{name}' was credit-checked at {ApprovalText.Amount(checkedAt)}; {string.Join(" and ", changes)} would bill "
            + $"{ApprovalText.Amount(more)} more, {ApprovalText.Amount(checkedAt + more)} in all, which the credit check has not decided. "
            + $"Save the order's amount ({ApprovalText.Amount(checkedAt + more)}) with the change so the credit check decides it again.");
    }

    /// <summary>
    /// The amount saved with the change: raised by at least what the freight, tax and discount changes add, and never
    /// below what the order's lines order nor what the order bills with them (read only when the amount is lowered).
    /// </summary>
    private static void CheckAmountSaved(Entity target, string name, decimal checkedAt, decimal more, List<string> changes, Func<decimal> linesTotal, Func<decimal, OrderBill> billOf, Func<bool> isCreditFlow)
    {
        var saved = target.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m;
        if (changes.Count > 0 && more > 0m && saved < checkedAt + more && !isCreditFlow())
        {
            throw new InvalidPluginExecutionException(
                $"Order '{name}' was credit-checked at {ApprovalText.Amount(checkedAt)}; {string.Join(" and ", changes)} would bill "
                + $"{ApprovalText.Amount(more)} more, {ApprovalText.Amount(checkedAt + more)} in all, but its amount was saved as {ApprovalText.Amount(saved)}, so the credit check would decide "
                + $"{ApprovalText.Amount(checkedAt + more - saved)} less than it bills. Save the order's amount as {ApprovalText.Amount(checkedAt + more)} with the change.");
        }

        if (saved >= checkedAt)
        {
            return;
        }

        // Never below the lines, nor below what the order bills with them (its freight and tax on top: controls round 28).
        var lines = linesTotal();
        var bill = billOf(lines);
        var floor = Math.Max(lines, bill.Total);
        if (floor <= saved || isCreditFlow())
        {
            return;
        }

        var billed = bill.Total > lines ? $" and it bills {ApprovalText.Amount(bill.Total)} with them ({bill.Describe()})" : string.Empty;
        throw new InvalidPluginExecutionException(
            $"Order '{name}' was credit-checked at {ApprovalText.Amount(checkedAt)} and its lines order {ApprovalText.Amount(lines)}{billed}; lowering its amount to {ApprovalText.Amount(saved)} "
            + $"would have the credit check decide, and count in the customer's exposure, {ApprovalText.Amount(floor - saved)} less than {(bill.Total > lines ? "the order bills" : "the lines ship")}. "
            + (bill.Total > lines
                ? $"Lower its lines, freight or tax so it bills no more than {ApprovalText.Amount(saved)} first, then lower the order's amount."
                : $"Lower or remove its lines to {ApprovalText.Amount(saved)} first, then lower the order's amount."));
    }

    /// <summary>
    /// A new order (Create): with no lines yet it bills its freight and tax less its discount amount, which its amount, the
    /// figure the credit check decides, must cover. The Update path measures changes against the amount checked, so an order
    /// entered at 5,000.00 with 20,000.00 of freight was approved at 5,000.00 and billed the freight unchecked (controls round
    /// 28). The credit flow (SYSTEM) is not bound. Calls: none, or one (who SYSTEM is) when it would be refused.
    /// </summary>
    public static void CheckNew(Entity target, Func<bool> isCreditFlow)
    {
        var bill = BillOf(target, 0m);
        var amount = target.GetAttributeValue<Money>(SalesOrder.Fields.TotalAmount)?.Value ?? 0m;
        if (bill.Total <= amount || isCreditFlow())
        {
            return;
        }

        var name = target.GetAttributeValue<string>(SalesOrder.Fields.Name) ?? "(new)";
        throw new InvalidPluginExecutionException(
            $"Order '{name}' is entered at {ApprovalText.Amount(amount)} but bills {ApprovalText.Amount(bill.Total)} before any line ({bill.Describe()}), "
            + $"{ApprovalText.Amount(bill.Total - amount)} more than the amount the credit check would decide. Enter the order's amount as at least "
            + $"{ApprovalText.Amount(bill.Total)} (what its lines order comes on top), so the credit check decides what it bills.");
    }

    /// <summary>What the order bills with lines ordering <paramref name="lines"/>, from its discount, freight and tax columns.</summary>
    public static OrderBill BillOf(Entity order, decimal lines) => new(
        lines,
        order.GetAttributeValue<decimal?>(SalesOrder.Fields.DiscountPercentage) ?? 0m,
        order.GetAttributeValue<Money>(SalesOrder.Fields.DiscountAmount)?.Value ?? 0m,
        order.GetAttributeValue<Money>(SalesOrder.Fields.FreightAmount)?.Value ?? 0m,
        order.GetAttributeValue<Money>(SalesOrder.Fields.TotalTax)?.Value ?? 0m);

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
