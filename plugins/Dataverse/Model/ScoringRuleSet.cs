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
        public const string RiskMediumFrom = "cos_riskmediumfrom";
        public const string RiskHighFrom = "cos_riskhighfrom";
        public const string RiskSevereFrom = "cos_riskseverefrom";
        public const string ValueMediumFrom = "cos_valuemediumfrom";
        public const string ValueHighFrom = "cos_valuehighfrom";
        public const string PriorLateShare = "cos_priorlateshare";
        public const string PriorLateBeyond15Share = "cos_priorlatebeyond15share";
        public const string PriorDaysVsDue = "cos_priordaysvsdue";
        public const string PriorStrength = "cos_priorstrength";
        public const string WeightLast3Months = "cos_weightlast3months";
        public const string WeightMonths4To6 = "cos_weightmonths4to6";
        public const string WeightMonths7To12 = "cos_weightmonths7to12";
        public const string WeightMonths13To24 = "cos_weightmonths13to24";
        public const string WeightOlder = "cos_weightolder";
        public const string RevenueReference = "cos_revenuereference";
        public const string SegmentRevenueReferences = "cos_segmentrevenuereferences";
        public const string SuspendOnJudgment = "cos_suspendonjudgment";
        public const string SuspendOnFraud = "cos_suspendonfraud";
        public const string SuspensionSolvencyDrop = "cos_suspensionsolvencydrop";
        public const string SuspensionRatingFloor = "cos_suspensionratingfloor";
        public const string MaterialScoreChange = "cos_materialscorechange";
        public const string MaterialWorklistChange = "cos_materialworklistchange";
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
