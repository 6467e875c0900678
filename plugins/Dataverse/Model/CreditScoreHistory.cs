namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_creditscorehistory</c>.</summary>
public static class CreditScoreHistory
{
    public const string EntityLogicalName = "cos_creditscorehistory";
    public const string EntitySetName = "cos_creditscorehistorys";
    public const string PrimaryIdAttribute = "cos_creditscorehistoryid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string CreditScoreHistoryId = "cos_creditscorehistoryid";
        public const string Name = "cos_name";
        public const string AccountId = "cos_accountid";
        public const string EntryType = "cos_entrytype";
        public const string ValueScore = "cos_valuescore";
        public const string RiskScore = "cos_riskscore";
        public const string RiskLevel = "cos_risklevel";
        public const string CreditTierId = "cos_credittierid";
        public const string CreditPolicyId = "cos_creditpolicyid";
        public const string CreditLimit = "cos_creditlimit";
        public const string PreviousCreditLimit = "cos_previouscreditlimit";
        public const string TopReasons = "cos_topreasons";
        public const string FactorContributions = "cos_factorcontributions";
        public const string Trigger = "cos_trigger";
        public const string TriggerDetail = "cos_triggerdetail";
        public const string RuleSetVersion = "cos_rulesetversion";
        public const string ScoredOn = "cos_scoredon";
        public const string CreditApprovalRequestId = "cos_creditapprovalrequestid";
        public const string DecidedBy = "cos_decidedby";
        public const string Comment = "cos_comment";
        public const string SealedPicture = "cos_sealedpicture";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string OwnerId = "ownerid";
        public const string OwningBusinessUnit = "owningbusinessunit";
        public const string VersionNumber = "versionnumber";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
    }
}
