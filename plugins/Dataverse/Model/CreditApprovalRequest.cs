namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_creditapprovalrequest</c>.</summary>
public static class CreditApprovalRequest
{
    public const string EntityLogicalName = "cos_creditapprovalrequest";
    public const string EntitySetName = "cos_creditapprovalrequests";
    public const string PrimaryIdAttribute = "cos_creditapprovalrequestid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string CreditApprovalRequestId = "cos_creditapprovalrequestid";
        public const string Name = "cos_name";
        public const string RequestType = "cos_requesttype";
        public const string SalesOrderId = "cos_salesorderid";
        public const string AccountId = "cos_accountid";
        public const string OrderAmount = "cos_orderamount";
        public const string CreditLimit = "cos_creditlimit";
        public const string Exposure = "cos_exposure";
        public const string AvailableCredit = "cos_availablecredit";
        public const string RequestedLimit = "cos_requestedlimit";
        public const string DecisionReason = "cos_decisionreason";
        public const string ReasonCode = "cos_reasoncode";
        public const string RequestedBy = "cos_requestedby";
        public const string RequestedOn = "cos_requestedon";
        public const string DueBy = "cos_dueby";
        public const string ApprovalStatus = "cos_approvalstatus";
        public const string DecidedBy = "cos_decidedby";
        public const string DecidedOn = "cos_decidedon";
        public const string DecisionComment = "cos_decisioncomment";
        public const string OverdueAmount = "cos_overdueamount";
        public const string UtilizationWithOrder = "cos_utilizationwithorder";
        public const string RiskLevel = "cos_risklevel";
        public const string TierName = "cos_tiername";
        public const string InformationRequest = "cos_informationrequest";
        public const string InformationResponse = "cos_informationresponse";
        public const string TemporaryLimit = "cos_temporarylimit";
        public const string TemporaryLimitExpiresOn = "cos_temporarylimitexpireson";
        public const string LimitReviewOn = "cos_limitreviewon";
        public const string QueueId = "cos_queueid";
        public const string EscalatedOn = "cos_escalatedon";
        public const string CreditApplicationId = "cos_creditapplicationid";
        public const string LimitCap = "cos_limitcap";
        public const string ApprovedLimit = "cos_approvedlimit";
        public const string Creditworthiness = "cos_creditworthiness";
        public const string RecommendedTermsDays = "cos_recommendedtermsdays";
        public const string BureauSolvencyScore = "cos_bureausolvencyscore";
        public const string BureauRating = "cos_bureaurating";
        public const string BureauRecommendedCredit = "cos_bureaurecommendedcredit";
        public const string BureauDbtScore = "cos_bureaudbtscore";
        public const string BureauJudgmentReported = "cos_bureaujudgmentreported";
        public const string ApplicantRevenue = "cos_applicantrevenue";
        public const string ApplicantEquity = "cos_applicantequity";
        public const string ApplicantCurrentRatio = "cos_applicantcurrentratio";
        public const string ApplicantYearsTrading = "cos_applicantyearstrading";
        public const string Verification = "cos_verification";
        public const string TransactionCurrencyId = "transactioncurrencyid";
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
