namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>businessunit</c>.</summary>
public static class BusinessUnit
{
    public const string EntityLogicalName = "businessunit";
    public const string EntitySetName = "businessunits";
    public const string PrimaryIdAttribute = "businessunitid";
    public const string PrimaryNameAttribute = "name";

    public static class Fields
    {
        public const string BusinessunitId = "businessunitid";
        public const string Name = "name";
        public const string ParentBusinessUnitId = "parentbusinessunitid";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
