namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>queueitem</c>.</summary>
public static class QueueItem
{
    public const string EntityLogicalName = "queueitem";
    public const string EntitySetName = "queueitems";
    public const string PrimaryIdAttribute = "queueitemid";
    public const string PrimaryNameAttribute = "title";

    public static class Fields
    {
        public const string QueueitemId = "queueitemid";
        public const string Title = "title";
        public const string QueueId = "queueid";
        public const string ObjectId = "objectid";
        public const string WorkerId = "workerid";
        public const string EnteredOn = "enteredon";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
