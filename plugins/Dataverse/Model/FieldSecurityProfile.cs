namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>fieldsecurityprofile</c>.</summary>
public static class FieldSecurityProfile
{
    public const string EntityLogicalName = "fieldsecurityprofile";
    public const string EntitySetName = "fieldsecurityprofiles";
    public const string PrimaryIdAttribute = "fieldsecurityprofileid";
    public const string PrimaryNameAttribute = "name";

    public static class Fields
    {
        public const string FieldSecurityProfileId = "fieldsecurityprofileid";
        public const string Name = "name";
        public const string Description = "description";
    }
}
