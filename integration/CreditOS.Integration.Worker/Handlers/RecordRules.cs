using System.Globalization;
using CreditOS.Integration.Worker.Dataverse;
using CreditOS.Integration.Worker.Messages;

namespace CreditOS.Integration.Worker.Handlers;

/// <summary>Checks shared by payments, receivables and orders.</summary>
public static class RecordRules
{
    public static Rejection? PositiveAmount(decimal amount, string what) =>
        amount > 0
            ? null
            : new Rejection(RejectionReasons.NonPositiveAmount, $"The {what} amount is {amount.ToString(CultureInfo.InvariantCulture)}; it must be greater than zero. Correct it in the source system.");

    public static Rejection? SameCurrency(string currencyCode, AccountReference account, string what)
    {
        ArgumentNullException.ThrowIfNull(account);
        return string.Equals(currencyCode, account.CurrencyCode, StringComparison.OrdinalIgnoreCase)
            ? null
            : new Rejection(RejectionReasons.CurrencyMismatch, $"The {what} is in {currencyCode} but account {account.AccountNumber} trades in {account.CurrencyCode ?? "no currency"}. Convert it in the ERP or fix the account's currency.");
    }
}
