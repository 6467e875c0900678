namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_creditalert</c>.</summary>
public static class CreditAlert
{
    public const string EntityLogicalName = "cos_creditalert";
    public const string EntitySetName = "cos_creditalerts";
    public const string PrimaryIdAttribute = "cos_creditalertid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string CreditAlertId = "cos_creditalertid";
        public const string Name = "cos_name";
        public const string AccountId = "cos_accountid";
        public const string AlertType = "cos_alerttype";
        public const string Threshold = "cos_threshold";
        public const string Utilization = "cos_utilization";
        public const string Exposure = "cos_exposure";
        public const string CreditLimit = "cos_creditlimit";
        public const string OverdueAmount = "cos_overdueamount";
        public const string RaisedOn = "cos_raisedon";
        public const string CrossingKey = "cos_crossingkey";
        public const string Message = "cos_message";
        public const string ClosingNote = "cos_closingnote";
        public const string Severity = "cos_severity";
        public const string IsAcknowledged = "cos_isacknowledged";
        public const string CreatedOn = "createdon";
        public const string CreatedBy = "createdby";
        public const string ModifiedOn = "modifiedon";
        public const string ModifiedBy = "modifiedby";
        public const string OwnerId = "ownerid";
        public const string OwningBusinessUnit = "owningbusinessunit";
        public const string VersionNumber = "versionnumber";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
    }

    public static class Keys
    {
        public const string CrossingKey = "cos_creditalert_crossingkey";
    }
}
