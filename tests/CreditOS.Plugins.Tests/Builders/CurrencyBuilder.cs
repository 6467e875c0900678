extern alias plugins;

using Microsoft.Xrm.Sdk;
using CurrencyTable = plugins::CreditOS.Dataverse.Model.TransactionCurrency;

namespace CreditOS.Plugins.Tests.Builders;

/// <summary>
/// The currencies the credit tests use: USD (the customers' credit currency), the environment's base currency (a
/// transactioncurrency row from organization setup, with the id CreditTestIds.Usd), and EUR, added as an administrator adds one.
/// </summary>
internal static class CurrencyBuilder
{
    public static readonly CreditOS.LocalDataverse.Currency.BaseCurrency UsDollarBase = new(CreditTestIds.Usd, "US Dollar", "USD", "$", 2);

    public static void CreateEuro(IOrganizationService service) => service.Create(Currency(CreditTestIds.Eur, "Euro", "EUR", "€"));

    /// <summary>
    /// A custom currency as Dataverse lets an administrator define one (codes up to five characters, here loyalty
    /// points): a real row an account can be in, but not a three-letter ISO code, so the credit engine cannot score it.
    /// </summary>
    public static Guid CreateLoyaltyPoints(IOrganizationService service, Guid id) =>
        service.Create(Currency(id, "Loyalty points", "LPTS", "pt"));

    /// <summary>The Japanese yen at 150 to the base dollar, as an administrator adds it.</summary>
    public static Guid CreateYen(IOrganizationService service, Guid id) => service.Create(Currency(id, "Japanese Yen", "JPY", "¥", exchangeRate: 150m));

    /// <summary>The franc's rate to the base dollar in the several-currency tests.</summary>
    public const decimal FrancRate = 0.9m;

    /// <summary>
    /// The Swiss franc at <see cref="FrancRate"/> and the pound at 0.8 to the base dollar, as an administrator adds them: a
    /// customer kept in francs and invoiced in pounds too (GBP 10,000.00 is USD 12,500.00, CHF 11,250.00).
    /// </summary>
    public static void CreateFrancAndPound(IOrganizationService service)
    {
        service.Create(Currency(CreditTestIds.Chf, "Swiss Franc", "CHF", "CHF", FrancRate));
        service.Create(Currency(CreditTestIds.Gbp, "Pound Sterling", "GBP", "£", 0.8m));
    }

    private static Entity Currency(Guid id, string name, string code, string symbol, decimal exchangeRate = 1m) => new(CurrencyTable.EntityLogicalName, id)
    {
        [CurrencyTable.Fields.CurrencyName] = name,
        [CurrencyTable.Fields.ISOCurrencyCode] = code,
        [CurrencyTable.Fields.CurrencySymbol] = symbol,
        [CurrencyTable.Fields.ExchangeRate] = exchangeRate,
        [CurrencyTable.Fields.CurrencyPrecision] = 2,
    };
}
