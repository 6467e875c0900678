namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_approvalrouting</c>.</summary>
public static class ApprovalRouting
{
    public const string EntityLogicalName = "cos_approvalrouting";
    public const string EntitySetName = "cos_approvalroutings";
    public const string PrimaryIdAttribute = "cos_approvalroutingid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string ApprovalRoutingId = "cos_approvalroutingid";
        public const string Name = "cos_name";
        public const string CustomerGroup = "cos_customergroup";
        public const string QueueId = "cos_queueid";
        public const string EscalationQueueId = "cos_escalationqueueid";
        public const string CommentRequiredAbove = "cos_commentrequiredabove";
        public const string DueInHours = "cos_dueinhours";
        public const string TemporaryLimitMaxDays = "cos_temporarylimitmaxdays";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string VersionNumber = "versionnumber";
    }
}
