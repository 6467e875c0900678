namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>systemuserprofiles</c>: the field security profiles a user is in.</summary>
public static class SystemUserProfiles
{
    public const string EntityLogicalName = "systemuserprofiles";
    public const string EntitySetName = "systemuserprofilescollection";
    public const string PrimaryIdAttribute = "systemuserprofileid";

    public static class Fields
    {
        public const string SystemUserProfileId = "systemuserprofileid";
        public const string SystemUserId = "systemuserid";
        public const string FieldSecurityProfileId = "fieldsecurityprofileid";
        public const string VersionNumber = "versionnumber";
    }
}
