using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// An account's credit is kept in its currency: the limit, the limits Finance approved, exposure, open orders and
/// receivables, unapplied cash and the group limit are amounts in <c>transactioncurrencyid</c>. Dataverse does not convert
/// a row's money columns when its currency changes (it keeps the figures and recomputes only their base values), so a
/// person who moved an account from JPY to USD would turn a limit of 1,500,000 yen into 1,500,000 dollars, and the order
/// check (which takes orders only in the account's currency) would then approve dollar orders against it. Once an
/// account carries any credit figure (or has been scored), its currency is fixed for everyone but the credit flow
/// (SYSTEM: a migration that converts the figures with it); an account without credit figures, a new customer, may
/// still have its currency corrected.
/// </summary>
public static class AccountCurrencyGuard
{
    /// <summary>The money columns that are amounts in the account's currency (any of them non-zero fixes the currency).</summary>
    public static readonly IReadOnlyList<string> CreditAmounts =
    [
        Account.Fields.CreditLimit, Account.Fields.ApprovedLimit, Account.Fields.TemporaryLimit, Account.Fields.GroupLimit,
        Account.Fields.Exposure, Account.Fields.OpenOrders, Account.Fields.OpenReceivables, Account.Fields.UnappliedCash,
    ];

    /// <summary>The pre-image the update step registers: the name, the currency, the credit amounts and when it was last scored.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.TransactionCurrencyId + ","
        + Account.Fields.CreditLimit + "," + Account.Fields.ApprovedLimit + "," + Account.Fields.TemporaryLimit + "," + Account.Fields.GroupLimit + ","
        + Account.Fields.Exposure + "," + Account.Fields.OpenOrders + "," + Account.Fields.OpenReceivables + "," + Account.Fields.UnappliedCash + ","
        + Account.Fields.LastScoredOn;

    /// <param name="isCreditFlow">Asked (one call) only when the currency of an account with credit figures would change.</param>
    public static void Check(Entity target, Entity? before, Func<bool> isCreditFlow)
    {
        if (!target.Contains(Account.Fields.TransactionCurrencyId) || before is null)
        {
            return;
        }

        var previous = before.GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId);
        var next = target.GetAttributeValue<EntityReference>(Account.Fields.TransactionCurrencyId);
        if (previous is null || next?.Id == previous.Id)
        {
            return;
        }

        var figures = CreditAmounts
            .Where(column => (before.GetAttributeValue<Money>(column)?.Value ?? 0m) != 0m)
            .Select(column => $"{column} {ApprovalText.Amount(before.GetAttributeValue<Money>(column)!.Value)}")
            .ToList();
        var scored = before.GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn) is not null;
        if ((figures.Count == 0 && !scored) || isCreditFlow())
        {
            return;
        }

        var name = before.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        var held = figures.Count > 0 ? string.Join(", ", figures) : "a credit score";
        throw new InvalidPluginExecutionException(
            $"The currency of account '{name}' cannot be changed (from {previous.Name ?? previous.Id.ToString()} to {next?.Name ?? next?.Id.ToString() ?? "none"}): "
            + $"its credit is kept in that currency ({held}), and Dataverse does not convert the figures, so the same numbers would count in the new currency. "
            + "Keep the customer in its currency, or open the customer in the new currency and ask Finance for its limit there.");
    }
}
