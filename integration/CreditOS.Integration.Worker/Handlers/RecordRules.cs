using System.Globalization;
using CreditOS.CreditEngine.Ledger;
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

    /// <summary>
    /// Refuses an amount with more decimals than its currency keeps in Dataverse (transactioncurrency.currencyprecision):
    /// Dataverse would round it on save, so the ledger would differ from the ERP's and an identical redelivery of a
    /// payment would read back as a changed one. Trailing zeros are not decimals (100.100 EUR is 100.10).
    /// </summary>
    public static Rejection? CurrencyDecimals(decimal amount, AccountReference account, string what)
    {
        ArgumentNullException.ThrowIfNull(account);
        var precision = account.CurrencyPrecision;
        var rounded = Math.Round(amount, precision, MidpointRounding.AwayFromZero);
        return amount == rounded
            ? null
            : new Rejection(
                RejectionReasons.MalformedPayload,
                string.Create(CultureInfo.InvariantCulture, $"The {what} {amount} {account.CurrencyCode} has more decimals than {account.CurrencyCode} keeps in Dataverse ({precision}); it would be stored as {rounded} and no longer match the ERP. Correct it in the source system."));
    }

    public static Rejection? SameCurrency(string currencyCode, AccountReference account, string what)
    {
        ArgumentNullException.ThrowIfNull(account);
        return string.Equals(currencyCode, account.CurrencyCode, StringComparison.OrdinalIgnoreCase)
            ? null
            : new Rejection(RejectionReasons.CurrencyMismatch, $"The {what} is in {currencyCode} but account {account.AccountNumber} trades in {account.CurrencyCode ?? "no currency"}. Convert it in the ERP or fix the account's currency.");
    }

    /// <summary>Refuses an invoice id no payment could name: it contains a separator of applied invoices (<see cref="InvoiceReferences"/>).</summary>
    public static Rejection? NameableInvoice(string what, string id) =>
        InvoiceReferences.SeparatorIn(id) is { } separator
            ? new Rejection(RejectionReasons.UnnameableInvoiceId, InvoiceReferences.Refusal(what, id, separator))
            : null;

    /// <summary>
    /// Refuses an id that would become an alternate-key value when it contains / # &lt; &gt; * % &amp; : \ ? +: Microsoft
    /// documents that Dataverse cannot retrieve or update a row by such a key value, so every redelivery would fail.
    /// </summary>
    public static Rejection? AddressableKey(string what, string value, string source)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ODataKey.ReservedCharacter(value) is { } reserved
            ? new Rejection(RejectionReasons.UnaddressableKey, $"The {what} '{value}' contains '{reserved}'. Dataverse cannot address a row by an alternate key containing any of / # < > * % & : \\ ? + ; change the id in {source} (or agree a mapping for such ids) and resubmit.")
            : null;
    }
}
