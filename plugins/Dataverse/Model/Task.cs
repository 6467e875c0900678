namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>task</c> (activity): how creditOS tells a user something that needs their attention.</summary>
public static class Task
{
    public const string EntityLogicalName = "task";
    public const string EntitySetName = "tasks";
    public const string PrimaryIdAttribute = "activityid";
    public const string PrimaryNameAttribute = "subject";

    public static class Fields
    {
        public const string ActivityId = "activityid";
        public const string Subject = "subject";
        public const string Description = "description";
        public const string RegardingObjectId = "regardingobjectid";
        public const string ScheduledEnd = "scheduledend";
        public const string OwnerId = "ownerid";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string OccurrenceKey = "cos_occurrencekey";
        public const string OccurrenceEndedOn = "cos_occurrenceendedon";
    }
}
