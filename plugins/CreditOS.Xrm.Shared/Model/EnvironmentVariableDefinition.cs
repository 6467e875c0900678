namespace CreditOS.Xrm.Model;

/// <summary>Table <c>environmentvariabledefinition</c>.</summary>
public static class EnvironmentVariableDefinition
{
    public const string EntityLogicalName = "environmentvariabledefinition";
    public const string EntitySetName = "environmentvariabledefinitions";
    public const string PrimaryIdAttribute = "environmentvariabledefinitionid";
    public const string PrimaryNameAttribute = "schemaname";

    public static class Fields
    {
        public const string EnvironmentvariabledefinitionId = "environmentvariabledefinitionid";
        public const string SchemaName = "schemaname";
        public const string DisplayName = "displayname";
        public const string DefaultValue = "defaultvalue";
        public const string Description = "description";
        public const string Type = "type";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string OwnerId = "ownerid";
        public const string OwningBusinessUnit = "owningbusinessunit";
        public const string VersionNumber = "versionnumber";
    }
}
