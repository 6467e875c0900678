namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_tiermatrixcell</c>.</summary>
public static class TierMatrixCell
{
    public const string EntityLogicalName = "cos_tiermatrixcell";
    public const string EntitySetName = "cos_tiermatrixcells";
    public const string PrimaryIdAttribute = "cos_tiermatrixcellid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string TierMatrixCellId = "cos_tiermatrixcellid";
        public const string Name = "cos_name";
        public const string ScoringRuleSetId = "cos_scoringrulesetid";
        public const string ValueFrom = "cos_valuefrom";
        public const string ValueTo = "cos_valueto";
        public const string RiskFrom = "cos_riskfrom";
        public const string RiskTo = "cos_riskto";
        public const string CreditTierId = "cos_credittierid";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
