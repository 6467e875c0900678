namespace CreditOS.LocalDataverse.Service;

/// <summary>Names of the messages the local Dataverse implements.</summary>
public static class MessageNames
{
    public const string Create = "Create";
    public const string Retrieve = "Retrieve";
    public const string RetrieveMultiple = "RetrieveMultiple";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string Upsert = "Upsert";
    public const string Associate = "Associate";
    public const string Disassociate = "Disassociate";
    public const string SetState = "SetState";
    public const string Assign = "Assign";
    public const string AddToQueue = "AddToQueue";
    public const string WhoAmI = "WhoAmI";
    public const string RetrievePrincipalAccess = "RetrievePrincipalAccess";
    public const string ExecuteMultiple = "ExecuteMultiple";
    public const string ExecuteTransaction = "ExecuteTransaction";
}
