using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.Integration.Worker.Dataverse;

namespace CreditOS.Integration.Worker.Bureau;

/// <summary>
/// A bureau states its recommended credit in its own currency (a UK company's report in GBP), while creditOS caps the
/// customer's limit with it, shows it to Finance beside our limit and compares the two in the bureau alerts, all in
/// the account's currency. So the figure is stored converted into the account's currency with Dataverse's own exchange
/// rates (each currency's <c>exchangerate</c> is what one unit of the base currency is worth in it; Microsoft's
/// "Transaction Currency (currency) table": <c>creditlimit_base = creditlimit / exchangerate</c>), rounded to the
/// account currency's precision, and the report row carries the account's currency. A report in a currency the
/// environment does not have, or for an account without a currency, cannot be converted: it is refused with the
/// reason (<see cref="RecommendedCreditNotConvertibleException"/>) rather than stored as if it were in the account's
/// currency. One instance per pass: the currencies are read once.
/// </summary>
public sealed class RecommendedCreditConversion(DataverseWebApiClient dataverse)
{
    private Dictionary<string, EnvironmentCurrency>? _byIsoCode;

    /// <summary>The recommended credit in the account's currency, with that currency and what was done to get there.</summary>
    public async Task<AccountCurrencyAmount> ToAccountCurrencyAsync(Guid accountId, decimal amount, string bureauCurrency, CancellationToken cancellationToken)
    {
        var currencies = await CurrenciesAsync(cancellationToken).ConfigureAwait(false);
        var account = await dataverse.GetAsync($"{DataverseSchema.Account.EntitySet}({accountId:D})?$select={DataverseSchema.Account.CurrencyValue}", cancellationToken).ConfigureAwait(false);
        var accountCurrencyId = account[DataverseSchema.Account.CurrencyValue] is JsonValue value ? value.GetValue<Guid>() : (Guid?)null;
        var target = accountCurrencyId is { } id ? currencies.Values.FirstOrDefault(c => c.Id == id) : null;
        if (target is null)
        {
            throw new RecommendedCreditNotConvertibleException(
                $"the account {accountId:D} has no currency, so the bureau's recommended credit of {Figure(amount)} {bureauCurrency} cannot be compared with its limit; set the account's currency");
        }

        if (!currencies.TryGetValue(bureauCurrency, out var source))
        {
            throw new RecommendedCreditNotConvertibleException(
                $"the bureau states the recommended credit of {Figure(amount)} in {bureauCurrency}, which is not a currency of this environment, so it cannot be converted into the account's {target.IsoCode}; add {bureauCurrency} with its exchange rate");
        }

        if (source.Id == target.Id)
        {
            return new AccountCurrencyAmount(amount, target.Id, target.IsoCode, null);
        }

        if (source.ExchangeRate <= 0 || target.ExchangeRate <= 0)
        {
            throw new RecommendedCreditNotConvertibleException(
                $"the exchange rate of {(source.ExchangeRate <= 0 ? source.IsoCode : target.IsoCode)} is not set, so the bureau's recommended credit of {Figure(amount)} {source.IsoCode} cannot be converted into {target.IsoCode}; set the currency's exchange rate");
        }

        var converted = CreditOS.CreditEngine.ExchangeRates.Convert(amount, source.ExchangeRate, target.ExchangeRate, target.Precision);
        return new AccountCurrencyAmount(
            converted,
            target.Id,
            target.IsoCode,
            $"{Figure(amount)} {source.IsoCode} = {Figure(converted)} {target.IsoCode} at Dataverse's rates ({source.IsoCode} {source.ExchangeRate.ToString(CultureInfo.InvariantCulture)}, {target.IsoCode} {target.ExchangeRate.ToString(CultureInfo.InvariantCulture)} per base unit)");
    }

    private async Task<Dictionary<string, EnvironmentCurrency>> CurrenciesAsync(CancellationToken cancellationToken) =>
        _byIsoCode ??= (await EnvironmentCurrencies.ReadAsync(dataverse, cancellationToken).ConfigureAwait(false)).Values
            .ToDictionary(currency => currency.IsoCode, StringComparer.OrdinalIgnoreCase);

    private static string Figure(decimal amount) => amount.ToString("#,##0.##", CultureInfo.InvariantCulture);
}

/// <summary>An amount in the account's currency; <see cref="Conversion"/> says how it was converted (null when it was already in it).</summary>
public sealed record AccountCurrencyAmount(decimal Amount, Guid CurrencyId, string IsoCode, string? Conversion);

/// <summary>The bureau's figure cannot be put in the account's currency; the message says why and what to set up.</summary>
public sealed class RecommendedCreditNotConvertibleException : Exception
{
    public RecommendedCreditNotConvertibleException()
    {
    }

    public RecommendedCreditNotConvertibleException(string message)
        : base(message)
    {
    }

    public RecommendedCreditNotConvertibleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
