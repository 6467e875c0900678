using System.Globalization;
using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The annotations Dataverse adds to a row's properties when the request asks for them ("Formatted values" and "Lookup
/// property data", learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns):
/// <c>property@OData.Community.Display.V1.FormattedValue</c> (choice, yes/no, status and status reason labels; the
/// primary name of a lookup's row; currency values with the currency's symbol; dates; numbers) and, on lookups,
/// <c>@Microsoft.Dynamics.CRM.lookuplogicalname</c> and <c>@Microsoft.Dynamics.CRM.associatednavigationproperty</c>.
/// <para>
/// Formatted values follow the user's settings. Every user of the local Dataverse has the settings of an English (United
/// States, 1033) environment whose time zone is UTC: dates M/d/yyyy and times h:mm tt, numbers with "," grouping and "."
/// decimals, the currency symbol before the amount (Microsoft's example: revenue 20000.0000 → "$20,000.00",
/// modifiedon → "4/7/2023 2:59 PM"). What those settings do not decide faithfully is refused (501) rather than invented:
/// negative numbers and amounts (their format is a user setting with several choices), float columns, whole numbers with
/// a format (duration, time zone, language), a money value on a row without a currency.
/// </para>
/// </summary>
internal sealed class FormattedValues(MetadataCatalog metadata, IOrganizationService system)
{
    private const string Suffix = "@" + AnnotationPreference.FormattedValue;
    private const string DateFormat = "M/d/yyyy";
    private const string DateTimeFormat = "M/d/yyyy h:mm tt";
    private const string CurrencyColumn = "transactioncurrencyid";
    private static readonly CultureInfo EnglishUnitedStates = CultureInfo.InvariantCulture; // its number, date and AM/PM patterns are en-US's

    /// <summary>Adds the asked-for annotations of each value of <paramref name="row"/> to its JSON.</summary>
    public void Annotate(TableDefinition table, Entity row, JsonObject json, AnnotationPreference preference)
    {
        var formatted = preference.Includes(AnnotationPreference.FormattedValue);
        foreach (var (name, value) in row.Attributes)
        {
            if (value is null || value is EntityCollection || table.FindColumn(name) is not { } column)
            {
                continue;
            }

            if (value is EntityReference reference)
            {
                var property = $"_{name}_value";
                if (formatted && PrimaryName(reference) is { } primaryName)
                {
                    json[property + Suffix] = primaryName;
                }

                if (preference.Includes(AnnotationPreference.AssociatedNavigationProperty))
                {
                    json[property + "@" + AnnotationPreference.AssociatedNavigationProperty] = NavigationOf(table, column, reference);
                }

                if (preference.Includes(AnnotationPreference.LookupLogicalName))
                {
                    json[property + "@" + AnnotationPreference.LookupLogicalName] = reference.LogicalName;
                }

                continue;
            }

            if (formatted && Format(table, column, row, value) is { } text)
            {
                json[name + Suffix] = text;
            }
        }
    }

    private string? Format(TableDefinition table, ColumnDefinition column, Entity row, object value) => value switch
    {
        OptionSetValue option => column.Options.FirstOrDefault(o => o.Value == option.Value)?.Label
            ?? throw Refused($"the label of option {option.Value} of {table.LogicalName}.{column.LogicalName}, which its metadata does not hold"),
        bool flag => column.TwoOptions.FirstOrDefault(o => o.Value == (flag ? 1 : 0))?.Label
            ?? throw Refused($"the label of {(flag ? "true" : "false")} of the yes/no column {table.LogicalName}.{column.LogicalName}, which its metadata does not hold"),
        Money money => Currency(table, column, row, money.Value),
        decimal number when column.Type == ColumnType.Decimal => Number(table, column, number, column.Precision ?? 2),
        int number => column.Format is null or "none"
            ? Number(table, column, number, 0)
            : throw Refused($"the formatted value of the whole number {table.LogicalName}.{column.LogicalName} in format '{column.Format}'"),
        long number => Number(table, column, number, 0),
        DateTime date => Date(column, date),
        string or Guid => null,
        _ => throw Refused($"the formatted value of {table.LogicalName}.{column.LogicalName} ({column.Type})"),
    };

    private static string Number(TableDefinition table, ColumnDefinition column, decimal number, int decimals) =>
        number < 0
            ? throw Refused(string.Create(CultureInfo.InvariantCulture, $"the formatted value of the negative number {number} of {table.LogicalName}.{column.LogicalName} (its format is the user's negative number setting)"))
            : number.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), EnglishUnitedStates);

    /// <summary>The currency's symbol, then the amount at the currency's precision (or the column's, by its precision source).</summary>
    private string Currency(TableDefinition table, ColumnDefinition column, Entity row, decimal amount)
    {
        var stored = system.Retrieve(table.LogicalName, row.Id, new ColumnSet(table.FindColumn(CurrencyColumn) is null ? [table.PrimaryIdAttribute] : [CurrencyColumn]));
        var currencyReference = stored.GetAttributeValue<EntityReference>(CurrencyColumn)
            ?? throw Refused($"the formatted value of {table.LogicalName}.{column.LogicalName}: the row has no currency (Dataverse gives every row with a money column one; format it in the client)");
        var currency = system.Retrieve(currencyReference.LogicalName, currencyReference.Id, new ColumnSet("currencysymbol", "currencyprecision"));
        var precision = column.PrecisionSource == 0 ? column.Precision ?? 2 : currency.GetAttributeValue<int?>("currencyprecision") ?? column.Precision ?? 2;
        if (amount < 0)
        {
            throw Refused(string.Create(CultureInfo.InvariantCulture, $"the formatted value of the negative amount {amount} of {table.LogicalName}.{column.LogicalName} (its format is the user's negative currency setting)"));
        }

        return currency.GetAttributeValue<string>("currencysymbol") + amount.ToString("N" + precision.ToString(CultureInfo.InvariantCulture), EnglishUnitedStates);
    }

    /// <summary>A DateOnly column or a date-format column shows the date; others the date and time; the user's time zone is UTC.</summary>
    private static string Date(ColumnDefinition column, DateTime value) =>
        value.ToUniversalTime().ToString(column.DateTimeBehavior == DateTimeBehavior.DateOnly || column.Format is "date" or "dateonly" ? DateFormat : DateTimeFormat, EnglishUnitedStates);

    private string? PrimaryName(EntityReference reference)
    {
        var table = metadata.FindTable(reference.LogicalName) ?? throw DataverseFault.UnknownTable(reference.LogicalName);
        if (table.PrimaryNameAttribute is not { } nameColumn)
        {
            throw Refused($"the formatted value of a lookup to '{table.LogicalName}', whose primary name column the metadata does not declare");
        }

        try
        {
            return system.Retrieve(table.LogicalName, reference.Id, new ColumnSet(nameColumn)).GetAttributeValue<string>(nameColumn);
        }
        catch (System.ServiceModel.FaultException<OrganizationServiceFault> fault) when (fault.Detail.ErrorCode == DataverseErrorCodes.ObjectDoesNotExist)
        {
            throw Refused($"the formatted value of a lookup to {table.LogicalName} {reference.Id:D}, a row not committed yet (a change set's own row)");
        }
    }

    /// <summary>
    /// The platform's own lookups on every table: their single-valued navigation property is the lookup's logical name
    /// (Microsoft's example: <c>_ownerid_value@…associatednavigationproperty</c> is "ownerid" for a user or a team).
    /// </summary>
    private static readonly HashSet<string> PlatformLookups = new(StringComparer.Ordinal)
    {
        "ownerid", "owninguser", "owningteam", "owningbusinessunit", "createdby", "modifiedby", "createdonbehalfby", "modifiedonbehalfby",
    };

    private string NavigationOf(TableDefinition table, ColumnDefinition column, EntityReference reference) =>
        column.Type == ColumnType.Owner || PlatformLookups.Contains(column.LogicalName)
            ? column.LogicalName
            : NavigationProperties.Of(metadata, table).FirstOrDefault(p => p.Column == column.LogicalName && p.Target == reference.LogicalName)?.Name
              ?? throw Refused($"the navigation property of {table.LogicalName}.{column.LogicalName} to {reference.LogicalName}: no relationship in the metadata declares it");

    private static System.ServiceModel.FaultException<OrganizationServiceFault> Refused(string what) =>
        DataverseFault.Create(DataverseErrorCodes.UnexpectedError, "The local Web API does not return " + what + ".");
}
