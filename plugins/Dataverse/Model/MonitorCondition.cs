namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_monitorcondition</c>.</summary>
public static class MonitorCondition
{
    public const string EntityLogicalName = "cos_monitorcondition";
    public const string EntitySetName = "cos_monitorconditions";
    public const string PrimaryIdAttribute = "cos_monitorconditionid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string MonitorConditionId = "cos_monitorconditionid";
        public const string Name = "cos_name";
        public const string Kind = "cos_kind";
        public const string Threshold = "cos_threshold";
        public const string DueInDays = "cos_dueindays";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
    }
}
