namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_approvalauthority</c>: the approval authority matrix (how much a Finance approver may approve).</summary>
public static class ApprovalAuthority
{
    public const string EntityLogicalName = "cos_approvalauthority";
    public const string EntitySetName = "cos_approvalauthorities";
    public const string PrimaryIdAttribute = "cos_approvalauthorityid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string ApprovalAuthorityId = "cos_approvalauthorityid";
        public const string Name = "cos_name";
        public const string TeamId = "cos_teamid";
        public const string UserId = "cos_userid";
        public const string MaximumAmount = "cos_maximumamount";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
