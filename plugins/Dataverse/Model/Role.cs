namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>role</c>.</summary>
public static class Role
{
    public const string EntityLogicalName = "role";
    public const string EntitySetName = "roles";
    public const string PrimaryIdAttribute = "roleid";
    public const string PrimaryNameAttribute = "name";

    public static class Fields
    {
        public const string RoleId = "roleid";
        public const string Name = "name";
        public const string BusinessUnitId = "businessunitid";
        public const string ParentRootRoleId = "parentrootroleid";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
