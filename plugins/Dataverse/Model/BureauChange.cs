namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_bureauchange</c>: one criterion of a monitored customer changed at the bureau.</summary>
public static class BureauChange
{
    public const string EntityLogicalName = "cos_bureauchange";
    public const string EntitySetName = "cos_bureauchanges";
    public const string PrimaryIdAttribute = "cos_bureauchangeid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string BureauChangeId = "cos_bureauchangeid";
        public const string Name = "cos_name";
        public const string AccountId = "cos_accountid";
        public const string BureauReportId = "cos_bureaureportid";
        public const string Bureau = "cos_bureau";
        public const string EventId = "cos_eventid";
        public const string Criterion = "cos_criterion";
        public const string RuleCode = "cos_rulecode";
        public const string PreviousValue = "cos_previousvalue";
        public const string NewValue = "cos_newvalue";
        public const string ChangedOn = "cos_changedon";
        public const string IsDeterioration = "cos_isdeterioration";
        public const string CreatedOn = "createdon";
    }

    public static class Keys
    {
        public const string BureauEventId = "cos_bureauchange_bureau_eventid";
    }
}
