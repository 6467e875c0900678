using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Formatting;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// Formatted values of a $apply answer (Web API round 13; it answered 501 to the Prefer header): every example of Aggregate data using
/// OData sends <c>Prefer: odata.include-annotations="OData.Community.Display.V1.FormattedValue"</c> and shows a group's label
/// (<c>"statuscode@…FormattedValue": "Active"</c>), a count (<c>"count@…": "8"</c>), amounts with the currency symbol
/// (<c>"total@…": "$440,000.00"</c>) and dates in the user's format (<c>"lastCreate@…": "3/25/2023 10:42 AM"</c>); a text group
/// (<c>contact_fullname</c>) has none. The values are formatted by the rows' rules (<see cref="FormattedValueFormatter"/>, the local
/// users' en-US settings in UTC). An aggregated amount takes the currency of the rows aggregated: which one Dataverse shows when they
/// hold several currencies is not published, so that (and whatever the formatter cannot decide) is refused as not implemented.
/// </summary>
internal sealed class ApplyFormattedValues(MetadataCatalog metadata, IOrganizationService caller, IOrganizationService system, XElement fetch)
{
    private const string Suffix = "@" + AnnotationPreference.FormattedValue;

    private CurrencyFormat? _currency;
    private bool _currencyRead;

    /// <summary>Adds <paramref name="property"/>'s formatted value, a value of <paramref name="table"/>.<paramref name="column"/>.</summary>
    public void Annotate(JsonObject item, string property, TableDefinition table, ColumnDefinition column, object? value)
    {
        ArgumentNullException.ThrowIfNull(item);
        value = value is AliasedValue aliased ? aliased.Value : value;
        if (!FormattedValueFormatter.HasFormattedValue(value))
        {
            return;
        }

        var formatted = FormattedValueFormatter.Format(table, column, value!, () => value is Money ? Currency(table, column) : null);
        if (formatted.NotDecided is { } why)
        {
            throw DataverseFault.Create(DataverseErrorCodes.UnexpectedError, $"The local Web API does not return {why} in $apply; leave the Prefer header out.");
        }

        if (formatted.Text is { } text)
        {
            item[property + Suffix] = text;
        }
    }

    /// <summary>A <c>$count as alias</c> aggregate: the number with en-US grouping, as the page's "8".</summary>
    public static void AnnotateCount(JsonObject item, string alias, object? value)
    {
        ArgumentNullException.ThrowIfNull(item);
        value = value is AliasedValue aliased ? aliased.Value : value;
        if (value is int or long)
        {
            item[alias + Suffix] = Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The one currency of the rows the query aggregates, read with the same filter and links as the caller.</summary>
    private CurrencyFormat? Currency(TableDefinition table, ColumnDefinition column)
    {
        if (_currencyRead)
        {
            return _currency;
        }

        var entity = new XElement(fetch.Element("entity")!);
        entity.DescendantsAndSelf().Elements("attribute").ToList().ForEach(attribute => attribute.Remove());
        entity.AddFirst(
            new XElement("attribute", new XAttribute("name", FormattingLookups.CurrencyColumn), new XAttribute("groupby", "true"), new XAttribute("alias", "currency")),
            new XElement("attribute", new XAttribute("name", table.PrimaryIdAttribute), new XAttribute("aggregate", "count"), new XAttribute("alias", "rows")));
        var query = new XElement("fetch", new XAttribute("aggregate", "true"), entity);
        var currencies = caller.RetrieveMultiple(new FetchExpression(query.ToString(SaveOptions.DisableFormatting))).Entities
            .Select(row => (row.GetAttributeValue<AliasedValue>("currency")?.Value as EntityReference)?.Id)
            .ToList();
        if (currencies.Count != 1 || currencies[0] is not { } currencyId)
        {
            throw DataverseFault.Create(DataverseErrorCodes.UnexpectedError, string.Create(CultureInfo.InvariantCulture,
                $"The local Web API does not return the formatted value of an aggregated {table.LogicalName}.{column.LogicalName} over rows in {currencies.Count} currencies (with or without one): which currency Dataverse shows then is not published; leave the Prefer header out."));
        }

        var row = new Entity(table.LogicalName) { [FormattingLookups.CurrencyColumn] = new EntityReference("transactioncurrency", currencyId) };
        _currency = new FormattingLookups(metadata, (name, id) => system.Retrieve(name, id, new ColumnSet("currencysymbol", "currencyprecision"))).CurrencyOf(row, table, column.LogicalName);
        _currencyRead = true;
        return _currency;
    }
}
