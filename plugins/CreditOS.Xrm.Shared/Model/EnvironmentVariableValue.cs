namespace CreditOS.Xrm.Model;

/// <summary>Table <c>environmentvariablevalue</c>.</summary>
public static class EnvironmentVariableValue
{
    public const string EntityLogicalName = "environmentvariablevalue";
    public const string EntitySetName = "environmentvariablevalues";
    public const string PrimaryIdAttribute = "environmentvariablevalueid";
    public const string PrimaryNameAttribute = "schemaname";

    public static class Fields
    {
        public const string EnvironmentvariablevalueId = "environmentvariablevalueid";
        public const string SchemaName = "schemaname";
        public const string Value = "value";
        public const string EnvironmentVariableDefinitionId = "environmentvariabledefinitionid";
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
