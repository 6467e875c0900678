namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_portfoliokpi</c>: one day's portfolio KPIs, written by the integration worker's daily batch.</summary>
public static class PortfolioKpi
{
    public const string EntityLogicalName = "cos_portfoliokpi";
    public const string EntitySetName = "cos_portfoliokpis";
    public const string PrimaryIdAttribute = "cos_portfoliokpiid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string PortfolioKpiId = "cos_portfoliokpiid";
        public const string Name = "cos_name";
        public const string SnapshotDate = "cos_snapshotdate";
        public const string Currency = "cos_currency";
        public const string AccountCount = "cos_accountcount";
        public const string TotalLimit = "cos_totallimit";
        public const string TotalExposure = "cos_totalexposure";
        public const string Utilization = "cos_utilization";
        public const string UtilizationKeyAccount = "cos_utilizationkeyaccount";
        public const string UtilizationMidMarket = "cos_utilizationmidmarket";
        public const string UtilizationSmallBusiness = "cos_utilizationsmallbusiness";
        public const string UtilizationPublicSector = "cos_utilizationpublicsector";
        public const string UtilizationDistributor = "cos_utilizationdistributor";
        public const string AccountsUnder50 = "cos_accountsunder50";
        public const string Accounts50To80 = "cos_accounts50to80";
        public const string Accounts80To95 = "cos_accounts80to95";
        public const string AccountsOver95 = "cos_accountsover95";
        public const string OrdersChecked = "cos_orderschecked";
        public const string OrdersRejected = "cos_ordersrejected";
        public const string OrdersAwaitingPrepayment = "cos_ordersawaitingprepayment";
        public const string RejectionRate = "cos_rejectionrate";
        public const string RejectionRateKeyAccount = "cos_rejectionratekeyaccount";
        public const string RejectionRateMidMarket = "cos_rejectionratemidmarket";
        public const string RejectionRateSmallBusiness = "cos_rejectionratesmallbusiness";
        public const string RejectionRatePublicSector = "cos_rejectionratepublicsector";
        public const string RejectionRateDistributor = "cos_rejectionratedistributor";
        public const string DsoDays = "cos_dsodays";
        public const string DsoMethod = "cos_dsomethod";
        public const string AgingCurrent = "cos_agingcurrent";
        public const string Aging1To30 = "cos_aging1to30";
        public const string Aging31To60 = "cos_aging31to60";
        public const string Aging61To90 = "cos_aging61to90";
        public const string AgingOver90 = "cos_agingover90";
        public const string StarterTermsShare = "cos_startertermsshare";
        public const string FinanceQueueSize = "cos_financequeuesize";
        public const string ApprovalsWaitingUnder1Day = "cos_approvalswaitingunder1day";
        public const string ApprovalsWaiting1To3Days = "cos_approvalswaiting1to3days";
        public const string ApprovalsWaitingOver3Days = "cos_approvalswaitingover3days";
        public const string ApprovalTurnaroundHours = "cos_approvalturnaroundhours";
        public const string OpenAlerts = "cos_openalerts";
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
        public const string SnapshotDate = "cos_portfoliokpi_snapshotdate";
    }
}
