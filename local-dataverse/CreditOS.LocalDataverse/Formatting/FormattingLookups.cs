using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Formatting;

/// <summary>
/// The rows formatted values are read from: a lookup's primary name (<c>EntityReference.Name</c>, "not automatically
/// populated unless the EntityReference object has been retrieved from the server", learn.microsoft.com/dotnet/api/
/// microsoft.xrm.sdk.entityreference.name) and a money value's currency. They are read through <paramref name="findRow"/>
/// without the caller's security (a lookup shows its row's name whatever the caller may open), and cached for one request.
/// </summary>
public sealed class FormattingLookups(MetadataCatalog metadata, Func<string, Guid, Entity?> findRow)
{
    /// <summary>The column that holds a row's currency on every table with money columns.</summary>
    public const string CurrencyColumn = "transactioncurrencyid";

    private const string CurrencyTable = "transactioncurrency";

    private readonly Dictionary<(string Table, Guid Id), string?> _names = [];
    private readonly Dictionary<Guid, CurrencyFormat?> _currencies = [];

    /// <summary>The primary name of the referenced row; null when its table declares no primary name or the row is not there.</summary>
    public string? PrimaryName(EntityReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var key = (reference.LogicalName, reference.Id);
        if (!_names.TryGetValue(key, out var name))
        {
            name = metadata.FindTable(reference.LogicalName)?.PrimaryNameAttribute is { } column
                ? findRow(reference.LogicalName, reference.Id)?.GetAttributeValue<string>(column)
                : null;
            _names[key] = name;
        }

        return name;
    }

    /// <summary>
    /// The currency a money value of <paramref name="column"/> is in: the stored row's (its <c>transactioncurrencyid</c>), or
    /// the base currency for an x_base column; null when there is none.
    /// </summary>
    public CurrencyFormat? CurrencyOf(Entity storedRow, TableDefinition table, string column)
    {
        ArgumentNullException.ThrowIfNull(storedRow);
        ArgumentNullException.ThrowIfNull(table);
        var reference = Currency.BaseCurrencies.IsBaseColumn(table, column)
            ? Currency.BaseCurrencies.Of(metadata) is { } baseCurrency ? new EntityReference(CurrencyTable, baseCurrency.Id) : null
            : storedRow.GetAttributeValue<EntityReference>(CurrencyColumn);
        if (reference is null)
        {
            return null;
        }

        if (!_currencies.TryGetValue(reference.Id, out var currency))
        {
            currency = findRow(reference.LogicalName, reference.Id) is { } row
                ? new CurrencyFormat(row.GetAttributeValue<string>("currencysymbol") ?? string.Empty, row.GetAttributeValue<int?>("currencyprecision"))
                : null;
            _currencies[reference.Id] = currency;
        }

        return currency;
    }

    /// <summary>
    /// Gives <paramref name="result"/> its formatted value under <paramref name="key"/> for a value of
    /// <paramref name="table"/>.<paramref name="column"/> read from <paramref name="storedRow"/>, and a lookup's name on
    /// <paramref name="value"/> itself (the copy being returned). Values the local settings cannot decide get no entry.
    /// Session 31: the text is made when the row's formatted values are first read (<see cref="DeferredFormats"/>), from
    /// what the row held and the currency's format as of now, so it is the text an eager read gave; a lookup's name is
    /// set now, as it is part of the value.
    /// </summary>
    public void Fill(Entity result, string key, TableDefinition table, ColumnDefinition column, object value, Entity storedRow)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (value is EntityReference reference)
        {
            reference.Name = PrimaryName(reference);
            if (reference.Name is { } name)
            {
                DeferredFormats.Of(result)?.AddText(key, name);
                if (result.PendingFormattedValues is null)
                {
                    result.FormattedValues[key] = name;
                }
            }

            return;
        }

        // The row's currency is looked up only for a money value, now: a later change of the currency is not this read's.
        var currency = value is Money ? CurrencyOf(storedRow, table, column.LogicalName) : null;
        if (DeferredFormats.Of(result) is { } deferred)
        {
            deferred.Add(key, table, column, value, currency);
        }
        else if (FormattedValueFormatter.Format(table, column, value, currency, static format => format).Text is { } text)
        {
            result.FormattedValues[key] = text;
        }
    }

}
