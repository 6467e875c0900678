using System.Globalization;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Formatting;

/// <summary>The currency a money value is shown in: its symbol and its precision (<c>transactioncurrency.currencyprecision</c>).</summary>
public sealed record CurrencyFormat(string Symbol, int? Precision);

/// <summary>
/// A value's formatted text, or why the local Dataverse cannot give it (<see cref="NotDecided"/>), or neither when Dataverse
/// gives none (text, ids, a lookup: its text is the row's primary name, see <see cref="LookupNames"/>).
/// </summary>
public readonly record struct FormattedText(string? Text, string? NotDecided);

/// <summary>
/// The one home of formatted values, for the organization service (<c>Entity.FormattedValues</c> on Retrieve and
/// RetrieveMultiple results) and the Web API (<c>@OData.Community.Display.V1.FormattedValue</c>). Microsoft documents them as
/// "string values that use the environment's settings for formatting" ("Access formatted values",
/// learn.microsoft.com/power-apps/developer/data-platform/org-service/entity-operations-query-data; "Formatted values",
/// webapi/query/select-columns): choice, status and status reason labels, yes/no labels, a lookup's primary name, money with the
/// currency's symbol, dates, numbers. Text and ids have none.
/// <para>
/// Every local user has the settings of an English (United States, 1033) environment in UTC: dates M/d/yyyy, times h:mm tt,
/// "," grouping and "." decimals, the symbol before the amount (Microsoft's examples: revenue → "$10,000.000" with the
/// currency's precision, createdon → "2/28/2018 11:04 AM", statecode → "Active"). What those settings leave open is not
/// decided here (<see cref="FormattedText.NotDecided"/>) rather than invented: negative numbers and amounts (their format is the
/// user's negative-format setting, with several choices), floats, whole numbers with a format (duration, time zone, language),
/// a money value on a row without a currency, a label the metadata does not hold.
/// </para>
/// </summary>
public static class FormattedValueFormatter
{
    private const string DateFormat = "M/d/yyyy";
    private const string DateTimeFormat = "M/d/yyyy h:mm tt";

    // Its number, date and AM/PM patterns are en-US's.
    private static readonly CultureInfo EnglishUnitedStates = CultureInfo.InvariantCulture;

    /// <summary>
    /// The formatted text of a value of <paramref name="column"/> (not a lookup). <paramref name="currency"/> gives the row's
    /// currency; it is asked only for a money value.
    /// </summary>
    public static FormattedText Format(TableDefinition table, ColumnDefinition column, object value, Func<CurrencyFormat?> currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return Format(table, column, value, currency, static ask => ask());
    }

    /// <summary>
    /// The same, with the row's currency asked of <paramref name="currencyOf"/> with <paramref name="state"/>: the query engine
    /// formats every value it returns, and a closure per value was a large share of what a query allocated.
    /// </summary>
    internal static FormattedText Format<TState>(TableDefinition table, ColumnDefinition column, object value, TState state, Func<TState, CurrencyFormat?> currencyOf)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(currencyOf);
        return value switch
        {
            OptionSetValue option => LabelOf(column.Options, option.Value) is { } label
                ? Text(label)
                : Open($"the label of option {option.Value.ToString(CultureInfo.InvariantCulture)} of {What(table, column)}, which its metadata does not hold"),
            bool flag => LabelOf(column.TwoOptions, flag ? 1 : 0) is { } yesNo
                ? Text(yesNo)
                : Open($"the label of {(flag ? "true" : "false")} of the yes/no column {What(table, column)}, which its metadata does not hold"),
            Money money => Currency(table, column, money.Value, state, currencyOf),
            decimal number when column.Type == ColumnType.Decimal => Number(table, column, number, column.Precision ?? 2),
            int number => column.Format is null or "none"
                ? Number(table, column, number, 0)
                : Open($"the formatted value of the whole number {What(table, column)} in format '{column.Format}'"),
            long number => Number(table, column, number, 0),
            // Stored values are UTC (Unspecified is taken as UTC, as on write); the local users' time zone is UTC.
            DateTime date => Text((date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : date).ToString(
                column.DateTimeBehavior == DateTimeBehavior.DateOnly || column.Format is "date" or "dateonly" ? DateFormat : DateTimeFormat,
                EnglishUnitedStates)),
            string or Guid or EntityReference or EntityCollection => default,
            _ => Open($"the formatted value of {What(table, column)} ({column.Type})"),
        };
    }

    /// <summary>Whether Dataverse gives a value of this kind a formatted value (everything but text, ids and party lists).</summary>
    public static bool HasFormattedValue(object? value) => value is not (null or string or Guid or EntityCollection);

    /// <summary>How a column is named in the reasons a value has no formatted text (only built when there is one).</summary>
    private static string What(TableDefinition table, ColumnDefinition column) => table.LogicalName + "." + column.LogicalName;

    private static string? LabelOf(IReadOnlyList<OptionDefinition> options, int value)
    {
        for (var index = 0; index < options.Count; index++)
        {
            if (options[index].Value == value)
            {
                return options[index].Label;
            }
        }

        return null;
    }

    private static FormattedText Number(TableDefinition table, ColumnDefinition column, decimal number, int decimals) =>
        number < 0
            ? Open(string.Create(CultureInfo.InvariantCulture, $"the formatted value of the negative number {number} of {What(table, column)} (its format is the user's negative number setting)"))
            : Text(number.ToString(GroupedFormat(decimals), EnglishUnitedStates));

    /// <summary>The currency's symbol, then the amount at the currency's precision (or the column's, by its precision source).</summary>
    private static FormattedText Currency<TState>(TableDefinition table, ColumnDefinition column, decimal amount, TState state, Func<TState, CurrencyFormat?> currencyOfRow)
    {
        if (amount < 0)
        {
            return Open(string.Create(CultureInfo.InvariantCulture, $"the formatted value of the negative amount {amount} of {What(table, column)} (its format is the user's negative currency setting)"));
        }

        if (currencyOfRow(state) is not { } currency)
        {
            return Open($"the formatted value of {What(table, column)}: the row has no currency (Dataverse gives every row with a money column one; format it in the client)");
        }

        var precision = column.PrecisionSource == 0 ? column.Precision ?? 2 : currency.Precision ?? column.Precision ?? 2;
        return Text(currency.Symbol + amount.ToString(GroupedFormat(precision), EnglishUnitedStates));
    }

    /// <summary>"N0" … "N10" without building the pattern for every value.</summary>
    private static string GroupedFormat(int decimals) =>
        decimals >= 0 && decimals < GroupedFormats.Length ? GroupedFormats[decimals] : "N" + decimals.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] GroupedFormats = ["N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N10"];

    private static FormattedText Text(string text) => new(text, null);

    private static FormattedText Open(string why) => new(null, why);
}
