using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Values;

/// <summary>
/// The <c>fullname</c> Dataverse composes on people's tables (contact, systemuser: the tables with fullname, firstname and lastname
/// columns), a read-only column (ValidForCreateApi/ValidForUpdateApi 0) that is the table's primary name. "The fullname is a read-only
/// property that is calculated from the firstname and lastname properties" (Web API Basic Operations Sample, where firstname "Rafel"
/// and lastname "Shillo" come back as "fullname": "Rafel Shillo"; the Query data sample's "Susanna" "Stubberod (sample)" likewise).
/// </summary>
/// <remarks>
/// Dataverse composes it by the organization's full-name convention (<c>organization.fullnameconventioncode</c>, the
/// UserSettingsFullNameConventionCode values 0 to 7). The local organization has the convention Microsoft's documented responses show,
/// FirstLast (1, "Show the first and last name"): the first name, a space, the last name, no middle name; a missing part is left out.
/// No name part at all leaves fullname empty (null). The other conventions are not modelled: the local organization cannot be given
/// one. The value is stored with the row, as Dataverse stores the column, so a query, filter or order on fullname and a lookup's name
/// (EntityReference.Name, the Web API's FormattedValue) read it. Before Web API round 12b (session 20) it stayed null.
/// </remarks>
internal static class FullName
{
    public const string Column = "fullname";
    public const string FirstName = "firstname";
    public const string MiddleName = "middlename";
    public const string LastName = "lastname";

    /// <summary>The local organization's fullnameconventioncode: FirstLast.</summary>
    public const int ConventionCode = 1;

    /// <summary>
    /// Sets <paramref name="row"/>'s fullname from its name parts, on Create, or on Update when <paramref name="written"/> (the
    /// caller's values) holds a name part: a user row the host created with only a full name (LocalDataverse.CreateUser) keeps it.
    /// </summary>
    public static void Compose(TableDefinition table, Entity row, IReadOnlyDictionary<string, object?>? written)
    {
        if (table.FindColumn(Column) is null || table.FindColumn(FirstName) is null || table.FindColumn(LastName) is null)
        {
            return;
        }

        if (written is not null && !written.ContainsKey(FirstName) && !written.ContainsKey(LastName) && !written.ContainsKey(MiddleName))
        {
            return;
        }

        var parts = new[] { row.GetAttributeValue<string>(FirstName), row.GetAttributeValue<string>(LastName) }
            .Where(part => !string.IsNullOrEmpty(part))
            .ToArray();
        if (parts.Length == 0)
        {
            row.Attributes.Remove(Column);
            return;
        }

        row[Column] = string.Join(' ', parts);
    }
}
