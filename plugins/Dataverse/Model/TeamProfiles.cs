namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>teamprofiles</c>: the field security profiles a team is in.</summary>
public static class TeamProfiles
{
    public const string EntityLogicalName = "teamprofiles";
    public const string EntitySetName = "teamprofilescollection";
    public const string PrimaryIdAttribute = "teamprofileid";

    public static class Fields
    {
        public const string TeamProfileId = "teamprofileid";
        public const string TeamId = "teamid";
        public const string FieldSecurityProfileId = "fieldsecurityprofileid";
        public const string VersionNumber = "versionnumber";
    }
}
