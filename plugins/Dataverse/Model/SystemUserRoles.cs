namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>systemuserroles</c>.</summary>
public static class SystemUserRoles
{
    public const string EntityLogicalName = "systemuserroles";
    public const string EntitySetName = "systemuserrolescollection";
    public const string PrimaryIdAttribute = "systemuserroleid";

    public static class Fields
    {
        public const string SystemuserrolesId = "systemuserroleid";
        public const string SystemUserId = "systemuserid";
        public const string RoleId = "roleid";
        public const string VersionNumber = "versionnumber";
    }
}
