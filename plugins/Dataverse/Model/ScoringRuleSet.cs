namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_scoringruleset</c>.</summary>
public static class ScoringRuleSet
{
    public const string EntityLogicalName = "cos_scoringruleset";
    public const string EntitySetName = "cos_scoringrulesets";
    public const string PrimaryIdAttribute = "cos_scoringrulesetid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string ScoringRuleSetId = "cos_scoringrulesetid";
        public const string Name = "cos_name";
        public const string Version = "cos_version";
        public const string CustomerGroup = "cos_customergroup";
        public const string IndustryVertical = "cos_industryvertical";
        public const string RiskWithoutEvidence = "cos_riskwithoutevidence";
        public const string IsDefault = "cos_isdefault";
        public const string EffectiveFrom = "cos_effectivefrom";
        public const string Description = "cos_description";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
