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
        /// <summary>PartyList columns: an EntityCollection of activityparty entities (<see cref="ActivityParty"/>).</summary>
        public const string From = "from";
        public const string To = "to";
        public const string Cc = "cc";
        public const string Bcc = "bcc";
        public const string OwnerId = "ownerid";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
    }
}
