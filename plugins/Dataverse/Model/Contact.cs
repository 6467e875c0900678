namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>contact</c>.</summary>
public static class Contact
{
    public const string EntityLogicalName = "contact";
    public const string EntitySetName = "contacts";
    public const string PrimaryIdAttribute = "contactid";
    public const string PrimaryNameAttribute = "fullname";

    public static class Fields
    {
        public const string ContactId = "contactid";
        public const string FullName = "fullname";
        public const string FirstName = "firstname";
        public const string LastName = "lastname";
        public const string EMailAddress1 = "emailaddress1";
        public const string ParentCustomerId = "parentcustomerid";
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
