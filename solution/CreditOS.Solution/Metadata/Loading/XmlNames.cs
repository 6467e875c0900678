namespace CreditOS.Solution.Metadata.Loading;

/// <summary>The words the unpacked solution format uses for types, requirement levels and ownership.</summary>
internal static class XmlNames
{
    public static readonly IReadOnlyDictionary<string, ColumnType> ColumnTypes = new Dictionary<string, ColumnType>(StringComparer.OrdinalIgnoreCase)
    {
        ["primarykey"] = ColumnType.PrimaryKey,
        ["uniqueidentifier"] = ColumnType.Uniqueidentifier,
        ["nvarchar"] = ColumnType.String,
        ["ntext"] = ColumnType.Memo,
        ["int"] = ColumnType.Integer,
        ["bigint"] = ColumnType.BigInt,
        ["decimal"] = ColumnType.Decimal,
        ["float"] = ColumnType.Double,
        ["money"] = ColumnType.Money,
        ["bit"] = ColumnType.Boolean,
        ["datetime"] = ColumnType.DateTime,
        ["lookup"] = ColumnType.Lookup,
        ["customer"] = ColumnType.Customer,
        ["owner"] = ColumnType.Owner,
        ["picklist"] = ColumnType.Picklist,
        ["state"] = ColumnType.State,
        ["status"] = ColumnType.Status,
        ["partylist"] = ColumnType.PartyList,
    };

    public static readonly IReadOnlyDictionary<string, RequiredLevel> RequiredLevels = new Dictionary<string, RequiredLevel>(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = RequiredLevel.None,
        ["recommended"] = RequiredLevel.Recommended,
        ["applicationrequired"] = RequiredLevel.ApplicationRequired,
        ["systemrequired"] = RequiredLevel.SystemRequired,
    };

    /// <summary>
    /// Business-owned tables (systemuser, team, role, businessunit) have no owner columns, like organization-owned ones;
    /// the model does not tell them apart.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, OwnershipType> Ownerships = new Dictionary<string, OwnershipType>(StringComparer.OrdinalIgnoreCase)
    {
        ["UserOwned"] = OwnershipType.UserOwned,
        ["OrgOwned"] = OwnershipType.OrganizationOwned,
        ["OrganizationOwned"] = OwnershipType.OrganizationOwned,
        ["BusinessOwned"] = OwnershipType.OrganizationOwned,
        ["None"] = OwnershipType.None,
    };

    public static bool IsLookupType(ColumnType type) => type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner;
}
