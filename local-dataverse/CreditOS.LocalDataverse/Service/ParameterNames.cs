namespace CreditOS.LocalDataverse.Service;

/// <summary>Names of request parameters and response results, as the SDK's message classes use them.</summary>
internal static class ParameterNames
{
    public const string Target = "Target";
    public const string ColumnSet = "ColumnSet";
    public const string Query = "Query";
    public const string Id = "id";
    public const string Entity = "Entity";
    public const string EntityCollection = "EntityCollection";
    public const string BusinessEntity = "BusinessEntity";
    public const string BusinessEntityCollection = "BusinessEntityCollection";
    public const string RecordCreated = "RecordCreated";
    public const string Relationship = "Relationship";
    public const string RelatedEntities = "RelatedEntities";
    public const string EntityMoniker = "EntityMoniker";
    public const string State = "State";
    public const string Status = "Status";
    public const string Assignee = "Assignee";
    public const string DestinationQueueId = "DestinationQueueId";
    public const string SourceQueueId = "SourceQueueId";
    public const string QueueItemProperties = "QueueItemProperties";
    public const string QueueItemId = "QueueItemId";
    public const string UserId = "UserId";
    public const string BusinessUnitId = "BusinessUnitId";
    public const string OrganizationId = "OrganizationId";
    public const string Principal = "Principal";
    public const string AccessRights = "AccessRights";
    public const string Requests = "Requests";
    public const string Settings = "Settings";
    public const string ReturnResponses = "ReturnResponses";
    public const string Responses = "Responses";
    public const string IsFaulted = "IsFaulted";
    /// <summary>Optional parameter: a value plug-ins read from SharedVariables["tag"] (Use optional parameters).</summary>
    public const string Tag = "tag";
    /// <summary>Optional parameter: false asks Dataverse to apply the duplicate detection rules (Use optional parameters).</summary>
    public const string SuppressDuplicateDetection = "SuppressDuplicateDetection";
}
