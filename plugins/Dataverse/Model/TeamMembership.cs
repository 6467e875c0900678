namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>teammembership</c>.</summary>
public static class TeamMembership
{
    public const string EntityLogicalName = "teammembership";
    public const string EntitySetName = "teammemberships";
    public const string PrimaryIdAttribute = "teammembershipid";

    public static class Fields
    {
        public const string TeammembershipId = "teammembershipid";
        public const string SystemUserId = "systemuserid";
        public const string TeamId = "teamid";
        public const string VersionNumber = "versionnumber";
    }
}
