namespace CreditOS.Xrm.Model;

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
        public const string ValueBand = "cos_valueband";
        public const string RiskLevel = "cos_risklevel";
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
