namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_suspensionlift</c>: Finance lifted an account's suspension (immutable).</summary>
public static class SuspensionLift
{
    public const string EntityLogicalName = "cos_suspensionlift";
    public const string EntitySetName = "cos_suspensionlifts";
    public const string PrimaryIdAttribute = "cos_suspensionliftid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string SuspensionLiftId = "cos_suspensionliftid";
        public const string Name = "cos_name";
        public const string AccountId = "cos_accountid";
        public const string LiftedBy = "cos_liftedby";
        public const string LiftedOn = "cos_liftedon";
        public const string Reason = "cos_reason";
        public const string SuspensionReason = "cos_suspensionreason";
        public const string WaivedJudgments = "cos_waivedjudgments";
        public const string WaivedPrivileges = "cos_waivedprivileges";
        public const string WaivedRating = "cos_waivedrating";
        public const string WaivedSolvency = "cos_waivedsolvency";
        public const string FraudFlagCleared = "cos_fraudflagcleared";
    }
}
