namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_creditapplication</c>: a new customer's application for credit.</summary>
public static class CreditApplication
{
    public const string EntityLogicalName = "cos_creditapplication";
    public const string EntitySetName = "cos_creditapplications";
    public const string PrimaryIdAttribute = "cos_creditapplicationid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string CreditApplicationId = "cos_creditapplicationid";
        public const string Name = "cos_name";
        public const string AccountId = "cos_accountid";
        public const string RegistrationNumber = "cos_registrationnumber";
        public const string VatNumber = "cos_vatnumber";
        public const string Street = "cos_street";
        public const string PostalCode = "cos_postalcode";
        public const string City = "cos_city";
        public const string Country = "cos_country";
        public const string RequestedLimit = "cos_requestedlimit";
        public const string RequestedTermsDays = "cos_requestedtermsdays";
        public const string TransactionCurrencyId = "transactioncurrencyid";
        public const string AnnualRevenue = "cos_annualrevenue";
        public const string Equity = "cos_equity";
        public const string CurrentRatio = "cos_currentratio";
        public const string YearsTrading = "cos_yearstrading";
        public const string TradeReference1Name = "cos_tradereference1name";
        public const string TradeReference1Rating = "cos_tradereference1rating";
        public const string TradeReference2Name = "cos_tradereference2name";
        public const string TradeReference2Rating = "cos_tradereference2rating";
        public const string TradeReference3Name = "cos_tradereference3name";
        public const string TradeReference3Rating = "cos_tradereference3rating";
        public const string BankReferenceName = "cos_bankreferencename";
        public const string BankReferenceRating = "cos_bankreferencerating";
        public const string SubmittedBy = "cos_submittedby";
        public const string SubmittedOn = "cos_submittedon";
        public const string StatusMessage = "cos_statusmessage";
        public const string BureauAttempts = "cos_bureauattempts";
        public const string NextBureauAttemptOn = "cos_nextbureauattempton";
        public const string BureauReportId = "cos_bureaureportid";
        public const string BureauCompanyId = "cos_bureaucompanyid";
        public const string Creditworthiness = "cos_creditworthiness";
        public const string Recommendation = "cos_recommendation";
        public const string RecommendedLimit = "cos_recommendedlimit";
        public const string RecommendedTermsDays = "cos_recommendedtermsdays";
        public const string AssessmentReasons = "cos_assessmentreasons";
        public const string ApprovalRequestId = "cos_approvalrequestid";
        public const string ApprovedLimit = "cos_approvedlimit";
        public const string LimitReviewOn = "cos_limitreviewon";
        public const string DecidedOn = "cos_decidedon";
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

    /// <summary>The three trade references' name and rating columns, in order.</summary>
    public static readonly IReadOnlyList<TradeReferenceColumns> TradeReferences =
    [
        new(Fields.TradeReference1Name, Fields.TradeReference1Rating),
        new(Fields.TradeReference2Name, Fields.TradeReference2Rating),
        new(Fields.TradeReference3Name, Fields.TradeReference3Rating),
    ];
}

/// <summary>The name and rating columns of one trade reference on a credit application.</summary>
public sealed record TradeReferenceColumns(string Name, string Rating);
