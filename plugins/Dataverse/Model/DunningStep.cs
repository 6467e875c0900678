namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_dunningstep</c>.</summary>
public static class DunningStep
{
    public const string EntityLogicalName = "cos_dunningstep";
    public const string EntitySetName = "cos_dunningsteps";
    public const string PrimaryIdAttribute = "cos_dunningstepid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string DunningStepId = "cos_dunningstepid";
        public const string Name = "cos_name";
        public const string StepNumber = "cos_stepnumber";
        public const string RiskLevel = "cos_risklevel";
        public const string DaysFromDue = "cos_daysfromdue";
        public const string Escalates = "cos_escalates";
        public const string SubjectTemplate = "cos_subjecttemplate";
        public const string BodyTemplate = "cos_bodytemplate";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
    }
}
