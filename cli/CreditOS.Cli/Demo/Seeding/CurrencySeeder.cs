using CreditOS.Dataverse.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Cli.Demo.Seeding;

/// <summary>
/// The currency every generated amount is in. An environment already has its base currency (a transactioncurrency row from
/// organization setup, US Dollar in the local Dataverse) and may have others: the currency with that ISO code is reused, and
/// created only when the environment lacks it (a second row with the same code would make currency-by-code look-ups ambiguous).
/// </summary>
internal static class CurrencySeeder
{
    private const string UsDollarCode = "USD";
    private const string UsDollarName = "US Dollar";
    private const string UsDollarSymbol = "$";
    private const int CurrencyPrecision = 2;

    public static Guid Seed(IOrganizationService service, string isoCode)
    {
        ArgumentNullException.ThrowIfNull(service);
        var existing = new QueryExpression(TransactionCurrency.EntityLogicalName) { ColumnSet = new ColumnSet(false), TopCount = 1 };
        existing.Criteria.AddCondition(TransactionCurrency.Fields.ISOCurrencyCode, ConditionOperator.Equal, isoCode);
        if (service.RetrieveMultiple(existing).Entities.FirstOrDefault() is { } found)
        {
            return found.Id;
        }

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
