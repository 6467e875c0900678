namespace CreditOS.Dataverse.Model;

/// <summary>
/// Table <c>cos_configurationchange</c>: a change of a configuration row in force (credit policy, tier, tier matrix
/// cell, approval route, approval authority row) proposed by one person and applied by another (controls round 14).
/// </summary>
public static class ConfigurationChange
{
    public const string EntityLogicalName = "cos_configurationchange";
    public const string EntitySetName = "cos_configurationchanges";
    public const string PrimaryIdAttribute = "cos_configurationchangeid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string ConfigurationChangeId = "cos_configurationchangeid";
        public const string Name = "cos_name";
        public const string ConfigurationTable = "cos_configurationtable";
        public const string ConfigurationRowId = "cos_configurationrowid";
        public const string Changes = "cos_changes";
        public const string DeleteRow = "cos_deleterow";
        public const string Basis = "cos_basis";
        public const string ContentBy = "cos_contentby";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
    }
}
