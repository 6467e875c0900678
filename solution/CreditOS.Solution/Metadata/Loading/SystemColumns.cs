namespace CreditOS.Solution.Metadata.Loading;

/// <summary>The columns Dataverse gives every table of an ownership type, added where Entity.xml does not declare them.</summary>
internal static class SystemColumns
{
    public const string SystemUser = "systemuser";
    public const string Team = "team";
    public const string BusinessUnit = "businessunit";

    public static void AddTo(TableDraft table)
    {
        var primaryId = table.Columns.Find(c => c.Type == ColumnType.PrimaryKey);
        if (primaryId is null)
        {
            table.Columns.Insert(0, Column(table, table.LogicalName + "id", table.DisplayName ?? table.LogicalName, ColumnType.PrimaryKey, RequiredLevel.SystemRequired, create: true, update: false));
        }

        Add(table, Column(table, "versionnumber", "Version Number", ColumnType.BigInt, RequiredLevel.None, create: false, update: false));
        if (table.Ownership == OwnershipType.None)
        {
            return;
        }

        Add(table, Column(table, "createdon", "Created On", ColumnType.DateTime, RequiredLevel.None, create: false, update: false));
        // "Record Created On": a migration sets it on create and the row's createdon takes its value (valid for create only).
        Add(table, Column(table, "overriddencreatedon", "Record Created On", ColumnType.DateTime, RequiredLevel.None, create: true, update: false));
        Add(table, Column(table, "modifiedon", "Modified On", ColumnType.DateTime, RequiredLevel.None, create: false, update: false));
        Add(table, Column(table, "createdby", "Created By", ColumnType.Lookup, RequiredLevel.None, create: false, update: false, SystemUser));
        Add(table, Column(table, "modifiedby", "Modified By", ColumnType.Lookup, RequiredLevel.None, create: false, update: false, SystemUser));
        // The user who acted for createdby/modifiedby under impersonation ("query the record's createdonbehalfby value", Impersonate
        // another user using the Web API, "Determine the actual user"); every table with an owner has both (Web API round 15).
        Add(table, Column(table, "createdonbehalfby", "Created By (Delegate)", ColumnType.Lookup, RequiredLevel.None, create: false, update: false, SystemUser));
        Add(table, Column(table, "modifiedonbehalfby", "Modified By (Delegate)", ColumnType.Lookup, RequiredLevel.None, create: false, update: false, SystemUser));
        // Business-owned tables have no state columns in Dataverse: systemuser and businessunit keep their state in isdisabled
        // (SetState { State = 1, Status = -1 } disables, "Sample: Disable or enable a user"), team and role have none (their
        // table references list no SetState message). Reading or writing statecode there is an unknown column, as in Dataverse.
        if (!table.IsBusinessOwned)
        {
            Add(table, State(table));
            Add(table, Status(table));
        }
        if (table.Ownership == OwnershipType.UserOwned)
        {
            Add(table, Column(table, "ownerid", "Owner", ColumnType.Owner, RequiredLevel.SystemRequired, create: true, update: true, SystemUser, Team));
            Add(table, Column(table, "owningbusinessunit", "Owning Business Unit", ColumnType.Lookup, RequiredLevel.None, create: false, update: false, BusinessUnit));
            Add(table, Column(table, "owninguser", "Owning User", ColumnType.Lookup, RequiredLevel.None, create: false, update: false, SystemUser));
            Add(table, Column(table, "owningteam", "Owning Team", ColumnType.Lookup, RequiredLevel.None, create: false, update: false, Team));
        }
    }

    private static void Add(TableDraft table, ColumnDraft column)
    {
        if (table.FindColumn(column.LogicalName) is null)
        {
            table.Columns.Add(column);
        }
    }

    private static ColumnDraft State(TableDraft table) => new()
    {
        LogicalName = "statecode",
        SchemaName = "statecode",
        DisplayName = "Status",
        Type = ColumnType.State,
        File = table.File,
        RequiredLevel = RequiredLevel.SystemRequired,
        IsValidForCreate = false,
        Options = [new OptionDefinition(0, "Active"), new OptionDefinition(1, "Inactive")],
    };

    private static ColumnDraft Status(TableDraft table) => new()
    {
        LogicalName = "statuscode",
        SchemaName = "statuscode",
        DisplayName = "Status Reason",
        Type = ColumnType.Status,
        File = table.File,
        Options = [new OptionDefinition(1, "Active", 0), new OptionDefinition(2, "Inactive", 1)],
    };

    private static ColumnDraft Column(TableDraft table, string name, string display, ColumnType type, RequiredLevel required, bool create, bool update, params string[] targets) => new()
    {
        LogicalName = name,
        SchemaName = name,
        DisplayName = display,
        Type = type,
        File = table.File,
        RequiredLevel = required,
        IsValidForCreate = create,
        IsValidForUpdate = update,
        Targets = [.. targets],
    };
}
