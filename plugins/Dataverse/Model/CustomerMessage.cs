namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_customermessage</c>: a message on a customer account; a hold code stops new orders while active.</summary>
public static class CustomerMessage
{
    public const string EntityLogicalName = "cos_customermessage";
    public const string EntitySetName = "cos_customermessages";
    public const string PrimaryIdAttribute = "cos_customermessageid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string CustomerMessageId = "cos_customermessageid";
        public const string Name = "cos_name";
        public const string AccountId = "cos_accountid";
        public const string MessageCodeId = "cos_messagecodeid";
        public const string StartsOn = "cos_startson";
        public const string EndsOn = "cos_endson";
        public const string Text = "cos_text";
        public const string ActionRequired = "cos_actionrequired";
        public const string IsHold = "cos_ishold";
        public const string ShowOnWorklist = "cos_showonworklist";
        public const string EndedBy = "cos_endedby";
        public const string EndedOn = "cos_endedon";
        public const string EndReason = "cos_endreason";
        public const string StateCode = "statecode";
        public const string CreatedOn = "createdon";
    }
}
