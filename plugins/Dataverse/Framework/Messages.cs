namespace CreditOS.Dataverse.Framework;

/// <summary>Dataverse message names, so plugin code and registrations never spell them by hand.</summary>
public static class Messages
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string Retrieve = "Retrieve";
    public const string RetrieveMultiple = "RetrieveMultiple";
    public const string Upsert = "Upsert";
    public const string Associate = "Associate";
    public const string Disassociate = "Disassociate";
    public const string SetState = "SetState";
    public const string SetStateDynamicEntity = "SetStateDynamicEntity";
    public const string Assign = "Assign";
    public const string AddToQueue = "AddToQueue";
    public const string WhoAmI = "WhoAmI";
    public const string ExecuteMultiple = "ExecuteMultiple";
    public const string ExecuteTransaction = "ExecuteTransaction";

    /// <summary>The primary table of messages that have none (global Custom APIs, WhoAmI...).</summary>
    public const string NoPrimaryEntity = "none";
}
