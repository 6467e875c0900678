using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;

namespace CreditOS.Cli.Demo.Seeding;

/// <summary>The base currency every generated amount is in.</summary>
internal static class CurrencySeeder
{
    private const string UsDollarCode = "USD";
    private const string UsDollarName = "US Dollar";
    private const string UsDollarSymbol = "$";
    private const int CurrencyPrecision = 2;

    public static Guid Seed(IOrganizationService service, string isoCode)
    {
        var currency = new Entity(TransactionCurrency.EntityLogicalName)
        {
            [TransactionCurrency.Fields.CurrencyName] = isoCode == UsDollarCode ? UsDollarName : isoCode,
            [TransactionCurrency.Fields.ISOCurrencyCode] = isoCode,
            [TransactionCurrency.Fields.CurrencySymbol] = isoCode == UsDollarCode ? UsDollarSymbol : isoCode,
            [TransactionCurrency.Fields.ExchangeRate] = 1m,
            [TransactionCurrency.Fields.CurrencyPrecision] = CurrencyPrecision,
        };
        return service.Create(currency);
    }
}
