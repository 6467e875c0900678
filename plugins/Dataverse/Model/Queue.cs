namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>queue</c>.</summary>
public static class Queue
{
    public const string EntityLogicalName = "queue";
    public const string EntitySetName = "queues";
    public const string PrimaryIdAttribute = "queueid";
    public const string PrimaryNameAttribute = "name";

    public static class Fields
    {
        public const string QueueId = "queueid";
        public const string Name = "name";
        public const string EMailAddress = "emailaddress";
        public const string QueueViewType = "queueviewtype";
        public const string Description = "description";
        public const string BusinessUnitId = "businessunitid";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string OwnerId = "ownerid";
        public const string OwningBusinessUnit = "owningbusinessunit";
        public const string VersionNumber = "versionnumber";
    }
}
