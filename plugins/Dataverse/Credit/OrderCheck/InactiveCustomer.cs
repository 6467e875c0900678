using System.Globalization;
using CreditOS.CreditEngine;
using CreditOS.Dataverse.Credit.Accounts;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.OrderCheck;

/// <summary>
/// Controls round 10: no new credit for an inactive customer. The nightly rescoring pages active accounts only, so an
/// inactive account's overdue figures stop at its last rescoring while its invoices keep falling due: an order checked
/// against them was checked against figures that no longer hold (Finance deactivated a customer with 30,000.00 due in 5
/// days; 30 days later Sam's order was approved against 0.00 overdue). An order that would add exposure to an inactive
/// account (a new order, a raised amount, a reactivated order, an order moved to it) is refused with the figures as last
/// rescored; lowering, cancelling or closing its orders stays open. Reactivating the account rescores it at once
/// (<c>AccountReactivationPlugin</c>), after which its orders are checked as anyone's. No call: the state comes with the
/// account's one read.
/// </summary>
public static class InactiveCustomer
{
    public static void EnsureMayOrder(AccountCreditRecord account)
    {
        if (account.IsActive)
        {
            return;
        }

        throw new InvalidPluginExecutionException(
            "The customer account " + account.Name + " is inactive, so it takes no new order on credit: the nightly rescoring skips inactive accounts, "
            + "and its figures are those of its last rescoring (" + (account.LastScoredOn is { } on ? on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never") + ": open receivables "
            + MoneyText.Amount(account.OpenReceivables) + ", overdue " + MoneyText.Amount(account.OverdueAmount) + ", open orders " + MoneyText.Amount(account.OpenOrders)
            + "). Reactivate the account (it is rescored at once) before entering the order.");
    }
}
