using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>
/// The single-valued navigation properties a query may follow: the solution's (<see cref="NavigationProperties"/>) and, since Web API
/// round 13, the platform lookups every table has whose relationships the solution does not declare: <c>createdby</c>,
/// <c>modifiedby</c>, <c>owninguser</c> (systemuser), <c>owningteam</c> (team) and <c>owningbusinessunit</c> (businessunit), each named
/// by its column's logical name (owninguser and owningteam are filled from ownerid since the same round). Microsoft's own examples follow them: <c>accounts?$select=name&amp;$expand=primarycontactid($select=
/// contactid,fullname),createdby($select=fullname)</c> (Join tables using OData, "Expand single-valued navigation properties", answered
/// with "createdby": {"fullname", "systemuserid", "ownerid"}) and <c>$filter=primarycontactid/createdby/fullname eq 'System
/// Administrator'</c> (Filter rows using OData). They answered 501. Only reads ($expand, $filter paths, $apply groups) use this: binding
/// these read-only lookups stays refused as before. <c>ownerid</c>, whose target is the principal base type (a user or a team), stays
/// 501. Since Web API round 15 <c>createdonbehalfby</c> and <c>modifiedonbehalfby</c> are followed too, as Microsoft's impersonation
/// example does (<c>$expand=createdby($select=fullname),createdonbehalfby($select=fullname),owninguser($select=fullname)</c>,
/// Impersonate another user using the Web API, "Determine the actual user").
/// </summary>
internal static class ReadNavigation
{
    private static readonly Dictionary<string, string> PlatformLookups = new(StringComparer.Ordinal)
    {
        ["createdby"] = "systemuser",
        ["modifiedby"] = "systemuser",
        ["createdonbehalfby"] = "systemuser",
        ["modifiedonbehalfby"] = "systemuser",
        ["owninguser"] = "systemuser",
        ["owningteam"] = "team",
        ["owningbusinessunit"] = "businessunit",
    };

    /// <summary>The navigation property with exactly this name (case-sensitive) that a read may follow, or null.</summary>
    public static NavigationProperty? Find(MetadataCatalog metadata, TableDefinition table, string name)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(table);
        return NavigationProperties.Find(metadata, table, name)
            ?? (PlatformLookups.TryGetValue(name, out var target) && table.FindColumn(name) is not null && metadata.FindTable(target) is not null
                ? new NavigationProperty(name, table.LogicalName, name, target)
                : null);
    }

    /// <summary>
    /// The refusal of a lookup column's logical name used as a navigation property when the metadata declares the lookup's navigation
    /// properties under other names (cos_receivable's cos_accountid is navigated as cos_AccountId, its transactioncurrencyid as
    /// TransactionCurrencyId, salesorder's customerid as customerid_account and customerid_contact): the name is then no property of the
    /// entity type at all ("Name: The name of the navigation property; case-sensitive", webapi/web-api-navigation-properties; the column's
    /// value is _x_value), and the OData library answers 400 "Could not find a property named 'customerid' on type
    /// 'Microsoft.Dynamics.CRM.salesorder'." (code 0x0, as reported from live environments: github.com/jlattimer/CRMRESTBuilder/issues/3,
    /// MicrosoftDocs/dynamics-365-customer-engagement#678). Null when the name is not such a column, or when no relationship of the
    /// column is declared (its navigation property is not known here, so the caller's 501 stands). Round 27: it answered 501.
    /// </summary>
    public static Exception? NotAProperty(MetadataCatalog metadata, TableDefinition table, string name)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(table);
        if (table.FindColumn(name) is not { Type: ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner } column)
        {
            return null;
        }

        var declared = NavigationProperties.Of(metadata, table).Where(property => property.Column == column.LogicalName).Select(property => property.Name).ToList();
        return declared.Count == 0 || declared.Contains(name, StringComparer.Ordinal)
            ? null
            : DataverseFault.Create(WebApiErrorCodes.PropertyNotFound, $"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'.");
    }
}
