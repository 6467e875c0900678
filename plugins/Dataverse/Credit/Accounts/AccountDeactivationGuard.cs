using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// Who deactivates a customer that carries credit (controls round 9). An invoice falling overdue changes no row: only the
/// nightly rescoring moves the account's overdue figures, which the order check reads, and the integration worker's batch
/// pages active accounts only (its <c>AccountPager</c>), as do its collections work and the portfolio snapshot. A sales rep
/// (Write on the accounts of his business unit, so SetState too) deactivated his customer with 30,000.00 open; 30 days
/// later the account still said 0.00 overdue, which his orders were checked against, where an active account's batch
/// recorded 30,000.00 overdue beyond grace and held his 5,000.00 order for Finance. So an account with open receivables or open orders is deactivated only by a Finance approver (directly, through
/// a team or the Finance team) or the credit flow; one carrying neither stays anyone's with Write. A credit group's parent
/// and members are <see cref="CreditGroupMembershipGuard"/>'s, whatever they carry.
/// </summary>
public static class AccountDeactivationGuard
{
    /// <summary>The pre-image the step registers.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.StateCode + "," + Account.Fields.OpenReceivables + ","
        + Account.Fields.OpenOrders + "," + Account.Fields.OverdueAmount + "," + Account.Fields.TransactionCurrencyId;

    /// <summary>At most: who SYSTEM is (once per organization) and whether the caller is a Finance approver (3).</summary>
    public const int MaximumCalls = 4;

    /// <param name="isAllowed">SYSTEM or a Finance approver; asked only when an active account carrying credit is deactivated.</param>
    public static void Check(Entity target, Entity? before, Func<bool> isAllowed)
    {
        var next = target.GetAttributeValue<OptionSetValue>(Account.Fields.StateCode)?.Value;
        var previous = before?.GetAttributeValue<OptionSetValue>(Account.Fields.StateCode)?.Value ?? (int)AccountState.Active;
        if (next is null || next == (int)AccountState.Active || previous != (int)AccountState.Active)
        {
            return;
        }

        var receivables = before?.GetAttributeValue<Money>(Account.Fields.OpenReceivables)?.Value ?? 0m;
        var orders = before?.GetAttributeValue<Money>(Account.Fields.OpenOrders)?.Value ?? 0m;
        if ((receivables <= 0m && orders <= 0m) || isAllowed())
        {
            return;
        }

        var name = before?.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        var overdue = before?.GetAttributeValue<Money>(Account.Fields.OverdueAmount)?.Value ?? 0m;
        throw new InvalidPluginExecutionException(
            $"Account '{name}' cannot be deactivated by you: it carries credit (open receivables {ApprovalText.Amount(receivables)}, open orders {ApprovalText.Amount(orders)}, "
            + $"overdue {ApprovalText.Amount(overdue)} as last rescored), and the nightly rescoring skips inactive accounts, so its invoices would fall overdue with its figures left as they are "
            + "and its orders checked against them. "
            + $"Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to deactivate it.");
    }
}
