namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_credittier</c>.</summary>
public static class CreditTier
{
    public const string EntityLogicalName = "cos_credittier";
    public const string EntitySetName = "cos_credittiers";
    public const string PrimaryIdAttribute = "cos_credittierid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string CreditTierId = "cos_credittierid";
        public const string Name = "cos_name";
        public const string Code = "cos_code";
        public const string Rank = "cos_rank";
        public const string CreditPolicyId = "cos_creditpolicyid";
        public const string IsStarter = "cos_isstarter";
        public const string StarterMinimumOrders = "cos_starterminimumorders";
        public const string StarterMinimumMonths = "cos_starterminimummonths";
        public const string StarterRequireBoth = "cos_starterrequireboth";
        public const string Description = "cos_description";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
