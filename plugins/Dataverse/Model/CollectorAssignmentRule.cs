namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_collectorassignmentrule</c>.</summary>
public static class CollectorAssignmentRule
{
    public const string EntityLogicalName = "cos_collectorassignmentrule";
    public const string EntitySetName = "cos_collectorassignmentrules";
    public const string PrimaryIdAttribute = "cos_collectorassignmentruleid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string CollectorAssignmentRuleId = "cos_collectorassignmentruleid";
        public const string Name = "cos_name";
        public const string Priority = "cos_priority";
        public const string CollectorId = "cos_collectorid";
        public const string CustomerGroup = "cos_customergroup";
        public const string Region = "cos_region";
        public const string RiskLevel = "cos_risklevel";
        public const string BalanceFrom = "cos_balancefrom";
        public const string BalanceTo = "cos_balanceto";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
    }
}
