using System.Globalization;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Service;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Values;

/// <summary>
/// Rounds Decimal and Money values to the precision Dataverse stores them with, on Create and Update, after the range
/// check (a value outside MinValue/MaxValue is refused as given, never rounded into range).
/// <list type="bullet">
/// <item>Decimal: the column's precision (&lt;Accuracy&gt;; DecimalAttributeMetadata.Precision, "If this property is not
/// assigned a value, it defaults to 2").</item>
/// <item>Money: by the column's precision source (MoneyAttributeMetadata.PrecisionSource, learn.microsoft.com/dotnet/api/
/// microsoft.xrm.sdk.metadata.moneyattributemetadata.precisionsource): 0 the column's precision, 2 (also when absent,
/// "it defaults to 2") the CurrencyPrecision of the record's transaction currency ("Currency precision. This option
/// applies the precision defined for the currency in the record", Dynamics 365 "Decimal precision in currency and
/// pricing"), 1 the organization's PricingDecimalPrecision, which the local Dataverse does not hold: refused as not
/// implemented.</item>
/// </list>
/// Every row of a table with money columns has a currency since session 11 (Currency/CurrencyStamper: the creator's default
/// or the base currency when none is given); a row without one (an update clearing it is refused) would use the column's
/// precision. Midpoints round away from zero, as SQL Server rounds a decimal to a smaller scale.
/// </summary>
internal static class NumberPrecision
{
    public const string CurrencyColumn = "transactioncurrencyid";
    private const string CurrencyTable = "transactioncurrency";
    private const string CurrencyPrecisionColumn = "currencyprecision";
    private const int DefaultPrecision = 2;

    /// <summary>Rounds the Decimal and Money values in <paramref name="values"/>; <paramref name="current"/> is the stored row on Update.</summary>
    /// <remarks>
    /// Session 33: the values are rounded in place (a value replaced under its own key) instead of over a copy of the whole
    /// dictionary, and the row's currency precision is looked up once per write, not once per money value (the payment's
    /// account write carries a dozen amounts, each of which read the currency's row): the same currency row within one write.
    /// </remarks>
    public static void Round(MessageContext context, TableDefinition table, Dictionary<string, object?> values, Entity? current)
    {
        int? currencyPrecision = null;
        List<KeyValuePair<string, object?>>? rounded = null;
        foreach (var (name, value) in values)
        {
            if (value is null || table.FindColumn(name) is not { } column)
            {
                continue;
            }

            if (column.Type == ColumnType.Decimal && value is decimal number)
            {
                (rounded ??= []).Add(new(name, Math.Round(number, column.Precision ?? DefaultPrecision, MidpointRounding.AwayFromZero)));
            }
            else if (column.Type == ColumnType.Money && value is Money money)
            {
                (rounded ??= []).Add(new(name, new Money(Math.Round(money.Value, MoneyPrecision(context, table, column, values, current, ref currencyPrecision), MidpointRounding.AwayFromZero))));
            }
        }

        if (rounded is null)
        {
            return;
        }

        foreach (var (name, value) in rounded)
        {
            values[name] = value;
        }
    }

    /// <param name="currencyPrecision">The row's currency precision once looked up in this write (-1: the row has none).</param>
    private static int MoneyPrecision(MessageContext context, TableDefinition table, ColumnDefinition column, Dictionary<string, object?> values, Entity? current, ref int? currencyPrecision)
    {
        switch (column.PrecisionSource ?? 2)
        {
            case 0:
                return column.Precision ?? DefaultPrecision;
            case 2:
                currencyPrecision ??= CurrencyPrecision(context, values, current) ?? -1;
                return currencyPrecision >= 0 ? currencyPrecision.Value : column.Precision ?? DefaultPrecision;
            default:
                throw DataverseFault.NotImplemented(string.Create(CultureInfo.InvariantCulture,
                    $"the money precision source {column.PrecisionSource} of {table.LogicalName}.{column.LogicalName} (1: the organization's PricingDecimalPrecision; the local Dataverse has no organization settings)"));
        }
    }

    /// <summary>The precision of the row's transaction currency (the written one, else the stored one); null when it has none.</summary>
    private static int? CurrencyPrecision(MessageContext context, Dictionary<string, object?> values, Entity? current)
    {
        var currency = values.TryGetValue(CurrencyColumn, out var given)
            ? given as EntityReference
            : current?.GetAttributeValue<EntityReference>(CurrencyColumn);
        return currency is null ? null : context.FindRow(CurrencyTable, currency.Id)?.GetAttributeValue<int?>(CurrencyPrecisionColumn);
    }
}
