namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_bureaualertrule</c>.</summary>
public static class BureauAlertRule
{
    public const string EntityLogicalName = "cos_bureaualertrule";
    public const string EntitySetName = "cos_bureaualertrules";
    public const string PrimaryIdAttribute = "cos_bureaualertruleid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string BureauAlertRuleId = "cos_bureaualertruleid";
        public const string Name = "cos_name";
        public const string Criterion = "cos_criterion";
        public const string CustomerGroup = "cos_customergroup";
        public const string Threshold = "cos_threshold";
        public const string Severity = "cos_severity";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
    }
}
