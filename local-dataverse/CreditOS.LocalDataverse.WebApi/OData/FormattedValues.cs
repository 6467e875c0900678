using System.Text.Json.Nodes;
using CreditOS.LocalDataverse.Faults;
using CreditOS.LocalDataverse.Formatting;
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

    /// <summary>The shared formatting (<see cref="FormattedValueFormatter"/>, the organization service's too); what it leaves open is refused.</summary>
    private string? Format(TableDefinition table, ColumnDefinition column, Entity row, object value)
    {
        var formatted = FormattedValueFormatter.Format(table, column, value, () => CurrencyOf(table, column, row));
        return formatted.NotDecided is { } why ? throw Refused(why) : formatted.Text;
    }

    /// <summary>The row's currency, read as SYSTEM from the stored row (the returned one holds only the columns asked for).</summary>
    private CurrencyFormat? CurrencyOf(TableDefinition table, ColumnDefinition column, Entity row)
    {
        if (table.FindColumn(FormattingLookups.CurrencyColumn) is null)
        {
            return null;
        }

        var stored = system.Retrieve(table.LogicalName, row.Id, new ColumnSet(FormattingLookups.CurrencyColumn));
        return new FormattingLookups(metadata, (name, id) => system.Retrieve(name, id, new ColumnSet("currencysymbol", "currencyprecision"))).CurrencyOf(stored, table, column.LogicalName);
    }

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
