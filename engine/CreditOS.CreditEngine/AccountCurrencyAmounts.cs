namespace CreditOS.CreditEngine;

/// <summary>
/// One home for summing a customer's amounts kept in several currencies in the currency its credit is kept in (the
/// account's): an ERP may invoice one customer in several currencies, while its limit, exposure and aging are in the
/// account's. Dataverse's semantics: every money column <c>x</c> has <c>x_base</c> = <c>x ÷ exchangerate</c> in the
/// organization's base currency, the record's <c>exchangerate</c> captured when a money value or the currency was last
/// written (a later change of the currency's rate recalculates nothing until the row is written again), and a currency's
/// <c>exchangerate</c> is how many of it one base unit buys. So an amount in the account's own currency counts as written,
/// and one in another currency counts as its base value times the account currency's exchange rate now, as Dataverse's own
/// rollups convert (<see cref="ExchangeRates.FromBase"/>, not rounded, so every path that reads the same receivables reaches
/// the same figure whether it converts rows or sums; the figures are rounded where they are written or shown).
/// </summary>
public sealed record AccountCurrencyAmounts
{
    /// <param name="currencyCode">The account's currency (ISO code), for the messages.</param>
    /// <param name="exchangeRate">The account currency's exchange rate: how many of it one unit of the base currency buys.</param>
    public AccountCurrencyAmounts(string currencyCode, decimal exchangeRate)
    {
        if (exchangeRate <= 0m)
        {
            throw new CreditInputException(
                "The exchange rate of the account's currency " + currencyCode + " is " + exchangeRate.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + ", so amounts in other currencies cannot be put in it; set the currency's exchange rate.");
        }

        CurrencyCode = currencyCode;
        ExchangeRate = exchangeRate;
    }

    public string CurrencyCode { get; }

    public decimal ExchangeRate { get; }

    /// <summary>
    /// An amount (or a sum of amounts of one currency) in the account's currency: <paramref name="amount"/> itself when it
    /// is in the account's currency, else <paramref name="baseAmount"/> (its <c>_base</c> value) at the account currency's
    /// rate. A foreign amount without its base value cannot be converted and is refused, naming <paramref name="what"/>.
    /// </summary>
    public decimal InAccountCurrency(decimal amount, decimal? baseAmount, bool inAccountCurrency, string what)
    {
        if (inAccountCurrency)
        {
            return amount;
        }

        if (baseAmount is not { } inBase)
        {
            throw new CreditInputException(
                what + " of " + MoneyText.Amount(amount) + " is in another currency than the account's " + CurrencyCode
                + " and carries no base-currency value, so it cannot be counted in " + CurrencyCode + ".");
        }

        return ExchangeRates.FromBase(inBase, ExchangeRate);
    }
}
