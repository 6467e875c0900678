namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>team</c>.</summary>
public static class Team
{
    public const string EntityLogicalName = "team";
    public const string EntitySetName = "teams";
    public const string PrimaryIdAttribute = "teamid";
    public const string PrimaryNameAttribute = "name";

    public static class Fields
    {
        public const string TeamId = "teamid";
        public const string Name = "name";
        public const string BusinessUnitId = "businessunitid";
        public const string TeamType = "teamtype";
        public const string AdministratorId = "administratorid";
        public const string QueueId = "queueid";
        public const string Description = "description";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
