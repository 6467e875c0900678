namespace CreditOS.Dataverse.Model;

/// <summary>Table <c>cos_messagecode</c>: the kinds of customer message (configuration rows).</summary>
public static class MessageCode
{
    public const string EntityLogicalName = "cos_messagecode";
    public const string EntitySetName = "cos_messagecodes";
    public const string PrimaryIdAttribute = "cos_messagecodeid";
    public const string PrimaryNameAttribute = "cos_name";

    public static class Fields
    {
        public const string MessageCodeId = "cos_messagecodeid";
        public const string Code = "cos_name";
        public const string Text = "cos_text";
        public const string ActionRequired = "cos_actionrequired";
        public const string IsHold = "cos_ishold";
        public const string ShowOnWorklist = "cos_showonworklist";
        public const string StateCode = "statecode";
    }
}
