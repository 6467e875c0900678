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
}
