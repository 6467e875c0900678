using CreditOS.Dataverse.Approvals;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Dataverse.Credit.Accounts;

/// <summary>
/// An account's number (<c>accountnumber</c>, the alternate key <c>account_accountnumber</c>) is the ERP's customer number:
/// the integration worker finds the account of every ERP invoice, payment and channel order by it
/// (integration <c>AccountDirectory</c>). Renumbering a customer that already carries credit figures sends its next
/// invoices nowhere (the worker rejects them as an unknown customer) or, by swapping two numbers, onto another customer,
/// so the exposure its orders are checked against stops growing while it keeps buying. Once the account carries any
/// credit figure, has been scored or has had a payment posted, its number is changed or cleared only by a Finance
/// approver (directly or through the Finance team) or the credit flow (SYSTEM: a migration); the first number of a new
/// customer, and a customer without figures, stay the rep's to enter.
/// </summary>
public static class AccountErpNumberGuard
{
    /// <summary>The pre-image the update step registers: name, number, the credit amounts and when it was scored and last paid.</summary>
    public const string ImageColumns = Account.Fields.Name + "," + Account.Fields.AccountNumber + ","
        + Account.Fields.CreditLimit + "," + Account.Fields.ApprovedLimit + "," + Account.Fields.TemporaryLimit + "," + Account.Fields.GroupLimit + ","
        + Account.Fields.Exposure + "," + Account.Fields.OpenOrders + "," + Account.Fields.OpenReceivables + "," + Account.Fields.UnappliedCash + ","
        + Account.Fields.LastScoredOn + "," + Account.Fields.LastPostedOn;

    /// <param name="isAllowed">SYSTEM or a Finance approver (asked only when a numbered account with credit figures is renumbered).</param>
    public static void Check(Entity target, Entity? before, Func<bool> isAllowed)
    {
        if (!target.Contains(Account.Fields.AccountNumber) || before is null)
        {
            return;
        }

        var previous = before.GetAttributeValue<string>(Account.Fields.AccountNumber);
        var next = target.GetAttributeValue<string>(Account.Fields.AccountNumber);
        if (string.IsNullOrWhiteSpace(previous) || string.Equals(previous, next, StringComparison.Ordinal))
        {
            return;
        }

        var figures = AccountCurrencyGuard.CreditAmounts
            .Where(column => (before.GetAttributeValue<Money>(column)?.Value ?? 0m) != 0m)
            .Select(column => $"{column} {ApprovalText.Amount(before.GetAttributeValue<Money>(column)!.Value)}")
            .ToList();
        if (before.GetAttributeValue<DateTime?>(Account.Fields.LastPostedOn) is { } paid)
        {
            figures.Add($"a payment posted on {paid:yyyy-MM-dd}");
        }

        if (before.GetAttributeValue<DateTime?>(Account.Fields.LastScoredOn) is not null)
        {
            figures.Add("a credit score");
        }

        if (figures.Count == 0 || isAllowed())
        {
            return;
        }

        var name = before.GetAttributeValue<string>(Account.Fields.Name) ?? target.Id.ToString();
        throw new InvalidPluginExecutionException(
            $"The account number of '{name}' cannot be changed by you (from '{previous}' to '{(string.IsNullOrWhiteSpace(next) ? "none" : next)}'): "
            + $"it is the ERP customer number the customer's invoices, payments and channel orders are matched by, and the customer carries credit ({string.Join(", ", figures)}); "
            + $"renumbered, its next invoices would not reach the exposure its orders are checked against. Ask a holder of the '{ApprovalConfiguration.FinanceApproverRoleName}' role to change it.");
    }
}
