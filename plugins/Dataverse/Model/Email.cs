namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>email</c> (activity): creditOS drafts dunning letters as emails a collector reviews and sends.</summary>
public static class Email
{
    public const string EntityLogicalName = "email";
    public const string EntitySetName = "emails";
    public const string PrimaryIdAttribute = "activityid";
    public const string PrimaryNameAttribute = "subject";

    public static class Fields
    {
        public const string ActivityId = "activityid";
        public const string Subject = "subject";
        public const string Description = "description";
        public const string RegardingObjectId = "regardingobjectid";
        public const string ScheduledEnd = "scheduledend";
        public const string DirectionCode = "directioncode";
        public const string OwnerId = "ownerid";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
    }
}
