using System.Globalization;
using CreditOS.CreditEngine;
using CreditOS.Dataverse.Credit.Accounts;
using CreditOS.Dataverse.Credit.Configuration;
using CreditOS.Dataverse.Framework;
using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Dataverse.Credit.Payments;

/// <summary>
/// Amounts no real payment or invoice has: a payment larger than a multiple of the customer's largest invoice, or any
/// amount beyond the absolute cap of its currency, is refused with the figures so a person reviews it before it
/// settles anything (a 900,000,000,000 payment must not settle a 50-million invoice). The limits are environment
/// variables of the solution (<see cref="MultipleVariable"/>, <see cref="CapsVariable"/>), tuned per environment by an
/// admin like every other creditOS setting, and enforced here, server-side, whoever writes the row.
/// </summary>
public static class AmountSanityLimits
{
    public const string MultipleVariable = "cos_PaymentSanityMultiple";
    public const string CapsVariable = "cos_AmountSanityCaps";

    /// <summary>
    /// Calls for a payment: the variables (one query, which also brings the configuration's version stamp). The
    /// currency's code comes with the account's credit record when the payment is in the account's currency (a call
    /// otherwise), and the largest invoice with the account's running history figures (an aggregate when it has none,
    /// and before any refusal the figures would make, so a payment is never refused on a figure that is out of date).
    /// </summary>
    public const int PaymentCalls = 1;

    /// <summary>Calls for an invoice: the variables and the currency's code.</summary>
    public const int ReceivableCalls = 2;

    private const string Largest = "largest";
    private const string LargestBase = "largestbase";
    private const string CurrencyGroup = "currency";

    /// <param name="knownLargest">The largest invoice as the account's running figures know it (null: none, read it).</param>
    /// <param name="namedInvoices">The invoices the payment names (as read under the lock, with their currency and base amount).</param>
    /// <param name="configurationStamp">The credit configuration's version stamp, read in the same query (null when none).</param>
    public static void CheckPayment(
        IOrganizationService service,
        AccountCreditRecord account,
        EntityReference? currency,
        decimal amount,
        string payment,
        decimal? knownLargest,
        IEnumerable<Entity> namedInvoices,
        out string? configurationStamp)
    {
        var settings = EnvironmentVariableReader.Read(service, MultipleVariable, CapsVariable, ConfigurationVersion.Variable);
        configurationStamp = settings.TryGetValue(ConfigurationVersion.Variable, out var stamp) ? stamp : null;
        var multiple = EnvironmentVariableReader.RequireNumber(settings, MultipleVariable);
        var caps = ParseCaps(EnvironmentVariableReader.RequireText(settings, CapsVariable));
        // The largest invoice is in the account's currency (the running figures, and the confirming query below, convert
        // every invoice with the rescoring's rule), so the payment is compared in it too: a payment in another currency
        // counts as its base value (amount ÷ its currency's rate now, which is what Dataverse stamps on the new row) × the
        // account currency's rate (engine AccountCurrencyAmounts). The currency's code and rate come in one read.
        var code = string.Empty;
        var compared = amount;
        if (currency is not null && currency.Id == account.CurrencyId)
        {
            code = account.CurrencyCode ?? CodeOf(service, currency);
        }
        else if (currency is not null)
        {
            var paymentCurrency = CurrencyOf(service, currency);
            code = paymentCurrency.GetAttributeValue<string>(TransactionCurrency.Fields.ISOCurrencyCode) ?? string.Empty;
            var paymentRate = paymentCurrency.GetAttributeValue<decimal?>(TransactionCurrency.Fields.ExchangeRate) ?? 0m;
            compared = AccountAmounts(account, "Payment " + payment).InAccountCurrency(amount, paymentRate > 0m ? amount / paymentRate : null, inAccountCurrency: false, "Payment " + payment);
        }

        decimal? cap = caps.TryGetValue(code, out var found) ? found : null;
        var largest = knownLargest is { } known ? Math.Max(known, namedInvoices.Select(i => InvoiceInAccountCurrency(account, i)).DefaultIfEmpty(0m).Max()) : LargestInvoice(service, account);
        if (knownLargest is not null && multiple > 0 && largest > 0 && compared > multiple * largest)
        {
            // The running figures may be older than an invoice the ERP has sent since: confirm before refusing.
            largest = LargestInvoice(service, account);
        }

        var problems = new List<string>();
        if (multiple > 0 && largest is > 0 && compared > multiple * largest.Value)
        {
            problems.Add($"it is more than {MoneyText.Amount(multiple)} × the customer's largest invoice of {MoneyText.Amount(largest.Value)} ({MoneyText.Amount(multiple * largest.Value)}, {MultipleVariable})");
        }

        if (cap is not null && amount > cap.Value)
        {
            problems.Add($"it is more than the cap of {MoneyText.Amount(cap.Value)} {code} ({CapsVariable})");
        }

        Refuse("Payment " + payment, amount, code + (compared != amount ? " (" + account.CurrencyCode + " " + MoneyText.Amount(compared) + " in the account's currency)" : string.Empty), problems);
    }

    public static void CheckReceivable(IOrganizationService service, EntityReference? currency, decimal amount, string invoice)
    {
        var settings = EnvironmentVariableReader.Read(service, CapsVariable);
        var cap = CapFor(service, settings, currency, out var code);
        Refuse(
            "Invoice " + invoice,
            amount,
            code,
            cap is not null && amount > cap.Value ? [$"it is more than the cap of {MoneyText.Amount(cap.Value)} {code} ({CapsVariable})"] : []);
    }

    /// <summary>The caps as the variable holds them: <c>EUR=100000000;USD=100000000</c>.</summary>
    /// <remarks>
    /// Every payment reads the variable; the last text parsed is kept with its caps (immutable, keyed by the exact text,
    /// so a changed variable is parsed again the moment it is read: nothing is served that the text does not say).
    /// </remarks>
    public static IReadOnlyDictionary<string, decimal> ParseCaps(string text)
    {
        var last = lastCaps;
        if (last is not null && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            return last.Caps;
        }

        var parsed = ParseCapsText(text);
        lastCaps = new ParsedCaps(text, parsed);
        return parsed;
    }

    private static ParsedCaps? lastCaps;

    private static IReadOnlyDictionary<string, decimal> ParseCapsText(string text)
    {
        var caps = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('=');
            if (parts.Length != 2 || parts[0].Trim().Length != 3
                || !decimal.TryParse(parts[1].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var cap) || cap <= 0)
            {
                throw new InvalidPluginExecutionException(
                    $"The environment variable {CapsVariable} must list ISO currency codes with positive amounts, like EUR=100000000;USD=100000000, but has '{entry}'.");
            }

            caps[parts[0].Trim()] = cap;
        }

        return caps;
    }

    private static decimal? CapFor(IOrganizationService service, IReadOnlyDictionary<string, string> settings, EntityReference? currency, out string code)
    {
        var caps = ParseCaps(EnvironmentVariableReader.RequireText(settings, CapsVariable));
        code = currency is null ? string.Empty : CodeOf(service, currency);
        return caps.TryGetValue(code, out var cap) ? cap : null;
    }

    private static string CodeOf(IOrganizationService service, EntityReference currency) =>
        CurrencyOf(service, currency).GetAttributeValue<string>(TransactionCurrency.Fields.ISOCurrencyCode) ?? string.Empty;

    /// <summary>The currency's code and exchange rate: one read.</summary>
    private static Entity CurrencyOf(IOrganizationService service, EntityReference currency) =>
        service.Retrieve(TransactionCurrency.EntityLogicalName, currency.Id, new ColumnSet(TransactionCurrency.Fields.ISOCurrencyCode, TransactionCurrency.Fields.ExchangeRate));

    /// <summary>The account currency's rule; an account whose currency's rate was not read cannot take amounts in another currency.</summary>
    private static AccountCurrencyAmounts AccountAmounts(AccountCreditRecord account, string what) =>
        account.CurrencyExchangeRate is { } rate && account.CurrencyCode is { } code
            ? new AccountCurrencyAmounts(code, rate)
            : throw new InvalidPluginExecutionException(what + " is in another currency than the account's, and the account's currency or its exchange rate is not known, so it cannot be compared with the customer's invoices; set the account's currency.");

    /// <summary>A named invoice's amount in the account's currency (its <c>cos_amount_base</c> read with it).</summary>
    private static decimal InvoiceInAccountCurrency(AccountCreditRecord account, Entity invoice)
    {
        var amount = invoice.MoneyOrZero(Receivable.Fields.Amount);
        var invoiceCurrency = invoice.GetAttributeValue<EntityReference>(Receivable.Fields.TransactionCurrencyId)?.Id;
        if (invoiceCurrency is null || invoiceCurrency == account.CurrencyId)
        {
            return amount;
        }

        var what = "Invoice " + invoice.GetAttributeValue<string>(Receivable.Fields.ErpId);
        return AccountAmounts(account, what).InAccountCurrency(amount, invoice.GetAttributeValue<Money>(Receivable.Fields.AmountBase)?.Value, inAccountCurrency: false, what);
    }

    /// <summary>
    /// The customer's largest invoice in the account's currency: one aggregate, the largest amount and base value per
    /// currency, each currency's converted with the rescoring's rule (the largest <c>cos_amount</c> over all currencies
    /// would compare pounds with francs).
    /// </summary>
    private static decimal? LargestInvoice(IOrganizationService service, AccountCreditRecord account)
    {
        var fetch = FetchXml.AggregateFetch(
            Receivable.EntityLogicalName,
            FetchXml.GroupBy(Receivable.Fields.TransactionCurrencyId, CurrencyGroup),
            FetchXml.Aggregate(Receivable.Fields.Amount, "max", Largest),
            FetchXml.Aggregate(Receivable.Fields.AmountBase, "max", LargestBase),
            FetchXml.Filter(FetchXml.Condition(Receivable.Fields.AccountId, "eq", account.Id)));
        decimal? largest = null;
        foreach (var row in service.RetrieveMultiple(new FetchExpression(fetch.ToString())).Entities)
        {
            if (AliasedAmount(row, Largest) is not { } amount)
            {
                continue;
            }

            var rowCurrency = row.GetAttributeValue<AliasedValue>(CurrencyGroup)?.Value as EntityReference;
            var inAccountCurrency = rowCurrency is null || rowCurrency.Id == account.CurrencyId;
            var converted = inAccountCurrency
                ? amount
                : AccountAmounts(account, "The largest invoice").InAccountCurrency(amount, AliasedAmount(row, LargestBase), inAccountCurrency: false, "The largest invoice");
            largest = largest is { } known && known >= converted ? known : converted;
        }

        return largest;
    }

    private static decimal? AliasedAmount(Entity row, string alias) => row.GetAttributeValue<AliasedValue>(alias)?.Value switch
    {
        Money money => money.Value,
        decimal value => value,
        _ => null,
    };

    private static void Refuse(string what, decimal amount, string code, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new InvalidPluginExecutionException(
                $"{what} of {MoneyText.Amount(amount)} {code} is beyond the sanity limits: {string.Join("; ", problems)}. It is held for review: correct it in the source system, or have an admin change the limit.");
        }
    }

    private sealed class ParsedCaps(string text, IReadOnlyDictionary<string, decimal> caps)
    {
        public string Text { get; } = text;

        public IReadOnlyDictionary<string, decimal> Caps { get; } = caps;
    }
}
