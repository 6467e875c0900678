namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_bureaureport</c>.</summary>
public static class BureauReport
{
    public const string EntityLogicalName = "cos_bureaureport";
    public const string EntitySetName = "cos_bureaureports";
    public const string PrimaryIdAttribute = "cos_bureaureportid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string BureauReportId = "cos_bureaureportid";
        public const string Name = "cos_name";
        public const string AccountId = "cos_accountid";
        public const string Bureau = "cos_bureau";
        public const string ExternalId = "cos_externalid";
        public const string SolvencyScore = "cos_solvencyscore";
        public const string Rating = "cos_rating";
        public const string RecommendedCredit = "cos_recommendedcredit";
        public const string DbtScore = "cos_dbtscore";
        public const string HasJudgment = "cos_hasjudgment";
        public const string HasLien = "cos_haslien";
        public const string ReportDate = "cos_reportdate";
        public const string Events = "cos_events";
        public const string JudgmentCount = "cos_judgmentcount";
        public const string PrivilegeCount = "cos_privilegecount";
        public const string OurLimit = "cos_ourlimit";
        public const string OurReceivables = "cos_ourreceivables";
        public const string BelowOurLimit = "cos_belowourlimit";
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

    public static class Keys
    {
        public const string BureauReportId = "cos_bureaureport_bureaureportid";
    }
}
