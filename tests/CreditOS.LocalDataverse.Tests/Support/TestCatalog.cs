using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Tests.Support;

/// <summary>
/// A small purpose-built catalog for the generic behaviour of the local Dataverse, so each test shows the
/// metadata it relies on. (Tests of the product use the solution's own metadata.)
/// </summary>
internal static class TestCatalog
{
    public const string AccountContactRelationship = "cos_account_contact";
    public const string ParentAccountRelationship = "account_parent_account";
    public const string ContactParentRelationship = "contact_customer_accounts";

    public static MetadataCatalog Create()
    {
        var tables = new[]
        {
            Table("account", "accountid", "name", true,
                [
                    Column("name", ColumnType.String, maxLength: 160),
                    Column("accountnumber", ColumnType.String, maxLength: 20),
                    Column("creditlimit", ColumnType.Money, min: 0m, max: 1_000_000_000m),
                    Column("numberofemployees", ColumnType.Integer, min: 0m, max: 1_000_000m),
                    Column("cos_riskscore", ColumnType.Decimal, min: 0m, max: 100m),
                    Column("cos_creditcheckcount", ColumnType.Integer),
                    Column("cos_notes", ColumnType.Memo, maxLength: 2000),
                    Column("cos_onhold", ColumnType.Boolean),
                    Column("cos_reviewdate", ColumnType.DateTime),
                    Column("industrycode", ColumnType.Picklist, options: [new(1, "Retail"), new(2, "Manufacturing")]),
                    Column("parentaccountid", ColumnType.Lookup, targets: ["account"]),
                    Column("primarycontactid", ColumnType.Lookup, targets: ["contact"]),
                    Column("cos_externalid", ColumnType.String, maxLength: 50, required: RequiredLevel.ApplicationRequired),
                ],
                [new AlternateKeyDefinition("cos_accountnumber_key", ["accountnumber"])]),
            Table("contact", "contactid", "lastname", true,
                [
                    Column("lastname", ColumnType.String, maxLength: 50),
                    Column("parentcustomerid", ColumnType.Customer, targets: ["account", "contact"]),
                    Column("cos_code", ColumnType.String, maxLength: 10, required: RequiredLevel.SystemRequired),
                ],
                []),
            Table("systemuser", "systemuserid", "fullname", false, [Column("fullname", ColumnType.String, maxLength: 200), Column("businessunitid", ColumnType.Lookup, targets: ["businessunit"])], []),
            Table("businessunit", "businessunitid", "name", false, [Column("name", ColumnType.String, maxLength: 160), Column("parentbusinessunitid", ColumnType.Lookup, targets: ["businessunit"])], []),
            Table("team", "teamid", "name", false, [Column("name", ColumnType.String, maxLength: 160), Column("businessunitid", ColumnType.Lookup, targets: ["businessunit"]), Column("administratorid", ColumnType.Lookup, targets: ["systemuser"])], []),
            Table("queue", "queueid", "name", true, [Column("name", ColumnType.String, maxLength: 160)], []),
            Table("queueitem", "queueitemid", "title", true,
                [
                    Column("title", ColumnType.String, maxLength: 300),
                    Column("queueid", ColumnType.Lookup, targets: ["queue"]),
                    Column("objectid", ColumnType.Lookup, targets: ["account", "contact"]),
                ],
                []),

            // The security tables, as the solution's standard-tables declare them, so users can hold roles and profiles.
            Table("role", "roleid", "name", false, [Column("name", ColumnType.String, maxLength: 100), Column("businessunitid", ColumnType.Lookup, targets: ["businessunit"])], []),
            Table("fieldsecurityprofile", "fieldsecurityprofileid", "name", false, [Column("name", ColumnType.String, maxLength: 100)], []),
            Intersect("systemuserroles", "systemuserid", "roleid"),
            Intersect("teammembership", "systemuserid", "teamid"),
            Intersect("teamroles", "teamid", "roleid"),
            Intersect("systemuserprofiles", "systemuserid", "fieldsecurityprofileid"),
            Intersect("teamprofiles", "teamid", "fieldsecurityprofileid"),
        };
        var relationships = new[]
        {
            ManyToMany("systemuserroles_association", "systemuser", "role", "systemuserroles"),
            ManyToMany("teammembership_association", "systemuser", "team", "teammembership"),
            ManyToMany("teamroles_association", "team", "role", "teamroles"),
            ManyToMany("systemuserprofiles_association", "systemuser", "fieldsecurityprofile", "systemuserprofiles"),
            ManyToMany("teamprofiles_association", "team", "fieldsecurityprofile", "teamprofiles"),
            new RelationshipDefinition
            {
                SchemaName = ParentAccountRelationship, Type = RelationshipType.OneToMany,
                ReferencedTable = "account", ReferencingTable = "account", ReferencingAttribute = "parentaccountid",
                IsHierarchical = true, // as solution/standard-tables/Relationships.xml declares it
            },
            new RelationshipDefinition
            {
                SchemaName = ContactParentRelationship, Type = RelationshipType.OneToMany,
                ReferencedTable = "account", ReferencingTable = "contact", ReferencingAttribute = "parentcustomerid",
            },
            new RelationshipDefinition
            {
                SchemaName = AccountContactRelationship, Type = RelationshipType.ManyToMany,
                ReferencedTable = "account", ReferencingTable = "contact", IntersectTable = "cos_account_contact",
                IntersectReferencedAttribute = "accountid", IntersectReferencingAttribute = "contactid",
            },
        };
        return new MetadataCatalog(tables, relationships);
    }

    private static TableDefinition Intersect(string name, string first, string second) => new()
    {
        LogicalName = name,
        SchemaName = name,
        EntitySetName = name + "set",
        DisplayName = name,
        DisplayCollectionName = name,
        PrimaryIdAttribute = name + "id",
        Ownership = OwnershipType.None,
        Columns = new[] { Column(name + "id", ColumnType.PrimaryKey), Column(first, ColumnType.Uniqueidentifier), Column(second, ColumnType.Uniqueidentifier) }
            .ToDictionary(c => c.LogicalName),
    };

    private static RelationshipDefinition ManyToMany(string schemaName, string first, string second, string intersect) => new()
    {
        SchemaName = schemaName,
        Type = RelationshipType.ManyToMany,
        ReferencedTable = first,
        ReferencingTable = second,
        IntersectTable = intersect,
        IntersectReferencedAttribute = first + "id",
        IntersectReferencingAttribute = second + "id",
    };

    private static TableDefinition Table(
        string name, string primaryId, string primaryName, bool userOwned, ColumnDefinition[] columns, AlternateKeyDefinition[] keys)
    {
        var all = new List<ColumnDefinition>(columns)
        {
            Column(primaryId, ColumnType.PrimaryKey),
            Column("createdon", ColumnType.DateTime, validForCreate: false, validForUpdate: false),
            Column("modifiedon", ColumnType.DateTime, validForCreate: false, validForUpdate: false),
            Column("createdby", ColumnType.Lookup, targets: ["systemuser"], validForCreate: false, validForUpdate: false),
            Column("modifiedby", ColumnType.Lookup, targets: ["systemuser"], validForCreate: false, validForUpdate: false),
            Column("versionnumber", ColumnType.BigInt, validForCreate: false, validForUpdate: false),
            Column("statecode", ColumnType.State, required: RequiredLevel.SystemRequired, options: [new(0, "Active"), new(1, "Inactive")]),
            Column("statuscode", ColumnType.Status, options: [new(1, "Active", 0), new(3, "On hold", 0), new(2, "Inactive", 1)]),
        };
        if (userOwned)
        {
            all.Add(Column("ownerid", ColumnType.Owner, targets: ["systemuser", "team"], required: RequiredLevel.SystemRequired));
            all.Add(Column("owningbusinessunit", ColumnType.Lookup, targets: ["businessunit"], validForCreate: false, validForUpdate: false));
        }

        return new TableDefinition
        {
            LogicalName = name,
            SchemaName = name,
            EntitySetName = name + "s",
            DisplayName = name,
            DisplayCollectionName = name + "s",
            PrimaryIdAttribute = primaryId,
            PrimaryNameAttribute = primaryName,
            Ownership = userOwned ? OwnershipType.UserOwned : OwnershipType.OrganizationOwned,
            IsCustom = name.StartsWith("cos_", StringComparison.Ordinal),
            Columns = all.ToDictionary(c => c.LogicalName),
            AlternateKeys = keys,
        };
    }

    private static ColumnDefinition Column(
        string name,
        ColumnType type,
        int? maxLength = null,
        decimal? min = null,
        decimal? max = null,
        string[]? targets = null,
        OptionDefinition[]? options = null,
        RequiredLevel required = RequiredLevel.None,
        bool validForCreate = true,
        bool validForUpdate = true) => new()
        {
            LogicalName = name,
            SchemaName = name,
            DisplayName = name,
            Type = type,
            MaxLength = maxLength,
            MinValue = min,
            MaxValue = max,
            Targets = targets ?? [],
            Options = options ?? [],
            RequiredLevel = required,
            IsValidForCreate = validForCreate,
            IsValidForUpdate = validForUpdate,
        };
}
