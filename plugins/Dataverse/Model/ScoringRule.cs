namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_scoringrule</c>.</summary>
public static class ScoringRule
{
    public const string EntityLogicalName = "cos_scoringrule";
    public const string EntitySetName = "cos_scoringrules";
    public const string PrimaryIdAttribute = "cos_scoringruleid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string ScoringRuleId = "cos_scoringruleid";
        public const string Name = "cos_name";
        public const string ScoringRuleSetId = "cos_scoringrulesetid";
        public const string ScoreType = "cos_scoretype";
        public const string Factor = "cos_factor";
        public const string BandFrom = "cos_bandfrom";
        public const string BandTo = "cos_bandto";
        public const string Points = "cos_points";
        public const string Weight = "cos_weight";
        public const string ContentBy = "cos_contentby";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
