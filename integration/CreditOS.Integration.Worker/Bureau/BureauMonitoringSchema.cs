namespace CreditOS.Integration.Worker.Bureau;

/// <summary>The columns the monitoring job reads and writes (names from solution/src; tested against it).</summary>
public static class BureauMonitoringSchema
{
    public static class Account
    {
        public const string Monitored = "cos_bureaumonitored";
        public const string Status = "cos_bureaumonitorstatus";
        public const string Message = "cos_bureaumonitormessage";
        public const string ConnectId = "cos_bureauconnectid";
        public const string PortalLink = "cos_bureauportallink";
        public const string RegistrationNumber = "cos_registrationnumber";
        public const string VatNumber = "cos_vatnumber";
        public const string CountryCode = "cos_countrycode";

        public const int StatusPending = 412_500_000;
        public const int StatusMonitored = 412_500_001;
        public const int StatusNotFound = 412_500_002;
        public const int StatusFailed = 412_500_003;
    }

    /// <summary>The credit application whose bureau lookup matched the account's company (controls round 9, session 16).</summary>
    public static class Application
    {
        public const string EntitySet = "cos_creditapplications";
        public const string Name = "cos_name";
        public const string AccountValue = "_cos_accountid_value";
        public const string CompanyId = "cos_bureaucompanyid";
    }

    public static class Report
    {
        public const string Events = "cos_events";
        public const string JudgmentCount = "cos_judgmentcount";
        public const string PrivilegeCount = "cos_privilegecount";
        public const string Name = "cos_name";
    }

    public static class Change
    {
        public const string Table = "cos_bureauchange";
        public const string EntitySet = "cos_bureauchanges";
        public const string Bureau = "cos_bureau";
        public const string EventId = "cos_eventid";
        public const string Criterion = "cos_criterion";
        public const string RuleCode = "cos_rulecode";
        public const string PreviousValue = "cos_previousvalue";
        public const string NewValue = "cos_newvalue";
        public const string ChangedOn = "cos_changedon";
    }
}
