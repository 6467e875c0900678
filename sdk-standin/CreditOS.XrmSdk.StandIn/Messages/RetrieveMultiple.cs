using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>Retrieves the rows a query selects.</summary>
public sealed class RetrieveMultipleRequest : OrganizationRequest
{
    private const string MessageName = "RetrieveMultiple";
    private const string QueryParameter = "Query";

    // Like the official message, the required parameters are present from the start (empty).
    public RetrieveMultipleRequest()
    {
        RequestName = MessageName;
        Parameters[QueryParameter] = null;
    }

    public QueryBase Query
    {
        get => Parameters.ValueOrDefault<QueryBase>(QueryParameter);
        set => Parameters[QueryParameter] = value;
    }
}

/// <summary>The answer to a RetrieveMultipleRequest.</summary>
public sealed class RetrieveMultipleResponse : OrganizationResponse
{
    private const string EntityCollectionParameter = "EntityCollection";

    public EntityCollection EntityCollection => Results.ValueOrDefault<EntityCollection>(EntityCollectionParameter);
}
