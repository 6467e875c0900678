namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_sealkey</c>: the organization's key for the nightly batch's sealed pictures (session 25).</summary>
public static class SealKeyTable
{
    public const string EntityLogicalName = "cos_sealkey";
    public const string EntitySetName = "cos_sealkeys";
    public const string PrimaryIdAttribute = "cos_sealkeyid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string SealKeyId = "cos_sealkeyid";
        public const string Name = "cos_name";
        public const string Key = "cos_key";
    }
}
