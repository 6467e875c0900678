namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>systemuser</c>.</summary>
public static class SystemUser
{
    public const string EntityLogicalName = "systemuser";
    public const string EntitySetName = "systemusers";
    public const string PrimaryIdAttribute = "systemuserid";
    public const string PrimaryNameAttribute = "fullname";

    public static class Fields
    {
        public const string SystemuserId = "systemuserid";
        public const string FullName = "fullname";
        public const string FirstName = "firstname";
        public const string LastName = "lastname";
        public const string DomainName = "domainname";
        public const string InternalEMailAddress = "internalemailaddress";
        public const string BusinessUnitId = "businessunitid";
        public const string IsDisabled = "isdisabled";
        public const string ApplicationId = "applicationid";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
