namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>account</c>.</summary>
public static class Account
{
    public const string EntityLogicalName = "account";
    public const string EntitySetName = "accounts";
    public const string PrimaryIdAttribute = "accountid";
    public const string PrimaryNameAttribute = "name";

    public static class Fields
    {
        public const string AccountId = "accountid";
        public const string Name = "name";
        public const string AccountNumber = "accountnumber";
        public const string CreditLimit = "creditlimit";
        public const string CreditOnHold = "creditonhold";
        public const string CreditHoldSource = "cos_creditholdsource";
        public const string PaymentTermsCode = "paymenttermscode";
        public const string IndustryCode = "industrycode";
        public const string Revenue = "revenue";
        public const string ParentAccountId = "parentaccountid";
        public const string PrimaryContactId = "primarycontactid";
        public const string EMailAddress1 = "emailaddress1";
        public const string TransactionCurrencyId = "transactioncurrencyid";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string ValueScore = "cos_valuescore";
        public const string RiskScore = "cos_riskscore";
        public const string RiskLevel = "cos_risklevel";
        public const string CreditTierId = "cos_credittierid";
        public const string CreditPolicyId = "cos_creditpolicyid";
        public const string Exposure = "cos_exposure";
        public const string AvailableCredit = "cos_availablecredit";
        public const string Utilization = "cos_utilization";
        public const string OpenReceivables = "cos_openreceivables";
        public const string OverdueAmount = "cos_overdueamount";
        public const string OverdueBeyondGrace = "cos_overduebeyondgrace";
        public const string OldestOverdueDays = "cos_oldestoverduedays";
        public const string OldestOverdueSince = "cos_oldestoverduesince";
        public const string CreditCheckedOn = "cos_creditcheckedon";
        public const string OpenOrders = "cos_openorders";
        public const string IsStarterTerms = "cos_isstarterterms";
        public const string IsSuspended = "cos_issuspended";
        public const string SuspensionReason = "cos_suspensionreason";
        public const string IsFraudFlagged = "cos_isfraudflagged";
        public const string BureauMonitored = "cos_bureaumonitored";
        public const string BureauMonitorStatus = "cos_bureaumonitorstatus";
        public const string BureauMonitorMessage = "cos_bureaumonitormessage";
        public const string BureauConnectId = "cos_bureauconnectid";
        public const string BureauPortalLink = "cos_bureauportallink";
        public const string RegistrationNumber = "cos_registrationnumber";
        public const string VatNumber = "cos_vatnumber";
        public const string CountryCode = "cos_countrycode";
        public const string SuspensionLiftedOn = "cos_suspensionliftedon";
        public const string WaivedJudgments = "cos_waivedjudgments";
        public const string WaivedPrivileges = "cos_waivedprivileges";
        public const string WaivedRating = "cos_waivedrating";
        public const string WaivedSolvency = "cos_waivedsolvency";
        public const string TopReasons = "cos_topreasons";

        /// <summary>Controls round 16 (session 23): the customer's former names, one a line, kept by the credit flow on a rename.</summary>
        public const string FormerNames = "cos_formernames";
        public const string LastScoredOn = "cos_lastscoredon";

        /// <summary>
        /// Session 31: a fresh token each time a credit writer claims the account's row lock (<c>AccountLock.Claim</c>) or a rescoring
        /// outside the nightly page writes it. A nightly sealed picture never writes it, so the check under the row lock sees every
        /// such writer; a token, not a time, because two claims can carry the same time.
        /// </summary>
        public const string LockClaim = "cos_lockclaim";
        public const string RuleSetVersion = "cos_rulesetversion";
        public const string CustomerGroup = "cos_customergroup";
        public const string ApprovedLimit = "cos_approvedlimit";
        public const string TemporaryLimit = "cos_temporarylimit";
        public const string TemporaryLimitExpiresOn = "cos_temporarylimitexpireson";
        public const string LimitReviewOn = "cos_limitreviewon";
        public const string RequestedCreditLimit = "cos_requestedcreditlimit";
        public const string CreditLimitRequestReason = "cos_creditlimitrequestreason";
        public const string RequestedLimitUntil = "cos_requestedlimituntil";
        public const string CollectorId = "cos_collectorid";
        public const string CollectorSetBy = "cos_collectorsetby";
        public const string CollectorSetOn = "cos_collectorseton";
        public const string OpenPromiseCount = "cos_openpromisecount";
        public const string NextPromiseDate = "cos_nextpromisedate";
        public const string PromisesKeptFiscalYear = "cos_promiseskeptfiscalyear";
        public const string PromisesBrokenFiscalYear = "cos_promisesbrokenfiscalyear";
        public const string PromisesOpenFiscalYear = "cos_promisesopenfiscalyear";
        public const string Country = "address1_country";
        public const string StateOrProvince = "address1_stateorprovince";
        public const string PostalCode = "address1_postalcode";
        public const string GroupLimit = "cos_grouplimit";
        public const string LastPostedOn = "cos_lastpostedon";
        public const string HistoryFigures = "cos_historyfigures";
        public const string SealedPicture = "cos_sealedpicture";
        public const string UnappliedCash = "cos_unappliedcash";
        public const string BureauRating = "cos_bureaurating";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string OwnerId = "ownerid";
        public const string OwningBusinessUnit = "owningbusinessunit";
        public const string VersionNumber = "versionnumber";
    }

    public static class Keys
    {
        public const string AccountNumber = "account_accountnumber";
    }
}
