namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>teamroles</c>: the roles a team holds (its members hold them through it).</summary>
public static class TeamRoles
{
    public const string EntityLogicalName = "teamroles";
    public const string EntitySetName = "teamrolescollection";
    public const string PrimaryIdAttribute = "teamroleid";

    public static class Fields
    {
        public const string TeamRoleId = "teamroleid";
        public const string TeamId = "teamid";
        public const string RoleId = "roleid";
        public const string VersionNumber = "versionnumber";
    }
}
