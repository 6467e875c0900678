using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Service;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Currency;

/// <summary>
/// What Dataverse writes for a row's currency (learn.microsoft.com/power-apps/developer/data-platform/
/// transaction-currency-currency-entity and maker/data-platform/types-of-fields):
/// <list type="bullet">
/// <item>a row created without <c>transactioncurrencyid</c> gets the creating user's default currency (their personal
/// options), else the organization's base currency;</item>
/// <item><c>exchangerate</c> is the currency's exchange rate ("The exchange rate is stored with the currency"), taken when the
/// row is created and whenever its currency or a money value is written;</item>
/// <item>each money column's <c>x_base</c> is <c>x / exchangerate</c> ("creditlimit_base = creditlimit / exchangerate"), at
/// the base currency's precision, rounding midpoints away from zero as SQL Server does.</item>
/// </list>
/// </summary>
internal static class CurrencyStamper
{
    private const string PrecisionColumn = "currencyprecision";
    private const string StateColumn = "statecode";
    private const int InactiveState = 1;

    /// <summary>On Create, before rounding: the currency a row of a table with money columns gets when none is given.</summary>
    public static void DefaultCurrency(MessageContext context, TableDefinition table, Dictionary<string, object?> values)
    {
        if (!HasCurrencyColumns(table) || values.TryGetValue(CurrencyMetadata.CurrencyColumn, out var given) && given is not null)
        {
            return;
        }

        var currencies = context.Runtime.Currencies;
        var currencyId = currencies.UserDefault(context.UserId) ?? currencies.Base.Id;
        values[CurrencyMetadata.CurrencyColumn] = new EntityReference(CurrencyMetadata.CurrencyTable, currencyId);
    }

    /// <summary>
    /// Writes <c>exchangerate</c> and every <c>x_base</c> of <paramref name="row"/> (the whole row after the write) when it is
    /// created, or when <paramref name="written"/> names its currency or a money column.
    /// </summary>
    public static void Stamp(MessageContext context, TableDefinition table, Entity row, IReadOnlyDictionary<string, object?> written, bool isCreate)
    {
        if (!HasCurrencyColumns(table))
        {
            return;
        }

        var moneyColumns = CurrencyMetadata.MoneyColumns(table);
        if (!isCreate && !written.ContainsKey(CurrencyMetadata.CurrencyColumn) && !WritesAny(written, moneyColumns))
        {
            return;
        }

        if (row.GetAttributeValue<EntityReference>(CurrencyMetadata.CurrencyColumn) is not { } currency)
        {
            if (moneyColumns.Any(c => row.GetAttributeValue<Money>(c.LogicalName) is not null))
            {
                throw DataverseFault.NotImplemented(string.Create(CultureInfo.InvariantCulture,
                    $"a row of '{table.LogicalName}' with money values and no currency (the update clears transactioncurrencyid of {row.Id:D}; Dataverse's answer to that is not documented): keep a currency on a row with amounts"));
            }

            row.Attributes.Remove(CurrencyMetadata.ExchangeRateColumn);
            foreach (var money in moneyColumns)
            {
                row.Attributes.Remove(CurrencyMetadata.BaseColumnOf(money));
            }

            return;
        }

        var currencyRow = context.FindRow(CurrencyMetadata.CurrencyTable, currency.Id)
            ?? throw DataverseFault.RecordNotFound(CurrencyMetadata.CurrencyTable, currency.Id);
        if (written.ContainsKey(CurrencyMetadata.CurrencyColumn) && currencyRow.GetAttributeValue<OptionSetValue>(StateColumn)?.Value == InactiveState)
        {
            // "Deactivating currency records doesn't remove the currency information stored in existing records … However, you
            // won't be able to select the deactivated currency for new transactions" (manage-transactions-with-multiple-currencies).
            throw DataverseFault.NotImplemented(string.Create(CultureInfo.InvariantCulture,
                $"giving a row of '{table.LogicalName}' the deactivated currency '{currencyRow.GetAttributeValue<string>("currencyname")}' ({currency.Id:D}): Dataverse does not let a deactivated currency be chosen and publishes no error for it; activate the currency or choose another"));
        }

        var rate = currencyRow.GetAttributeValue<decimal?>(CurrencyMetadata.ExchangeRateColumn)
            ?? throw DataverseFault.RecordNotFound(CurrencyMetadata.CurrencyTable, currency.Id);
        row[CurrencyMetadata.ExchangeRateColumn] = rate;
        var basePrecision = context.FindRow(CurrencyMetadata.CurrencyTable, context.Runtime.Currencies.Base.Id)?.GetAttributeValue<int?>(PrecisionColumn)
            ?? context.Runtime.Currencies.Base.Precision;
        foreach (var money in moneyColumns)
        {
            var baseColumn = CurrencyMetadata.BaseColumnOf(money);
            if (row.GetAttributeValue<Money>(money.LogicalName) is { } amount)
            {
                row[baseColumn] = new Money(Math.Round(amount.Value / rate, basePrecision, MidpointRounding.AwayFromZero));
            }
            else
            {
                row.Attributes.Remove(baseColumn);
            }
        }
    }

    private static bool WritesAny(IReadOnlyDictionary<string, object?> written, IReadOnlyList<ColumnDefinition> moneyColumns)
    {
        for (var index = 0; index < moneyColumns.Count; index++)
        {
            if (written.ContainsKey(moneyColumns[index].LogicalName))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasCurrencyColumns(TableDefinition table) =>
        table.FindColumn(CurrencyMetadata.ExchangeRateColumn) is not null
        && table.FindColumn(CurrencyMetadata.CurrencyColumn) is not null
        && CurrencyMetadata.MoneyColumns(table).Count > 0;
}
