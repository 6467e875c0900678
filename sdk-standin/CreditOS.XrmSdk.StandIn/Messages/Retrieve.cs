using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>Retrieves one row.</summary>
public sealed class RetrieveRequest : OrganizationRequest
{
    private const string MessageName = "Retrieve";
    private const string TargetParameter = "Target";
    private const string ColumnSetParameter = "ColumnSet";
    private const string RelatedEntitiesQueryParameter = "RelatedEntitiesQuery";
    private const string ReturnNotificationsParameter = "ReturnNotifications";

    // Like the official message, the required parameters are present from the start (empty).
    public RetrieveRequest()
    {
        RequestName = MessageName;
        Parameters[TargetParameter] = null;
        Parameters[ColumnSetParameter] = null;
    }

    public EntityReference Target
    {
        get => Parameters.ValueOrDefault<EntityReference>(TargetParameter);
        set => Parameters[TargetParameter] = value;
    }

    public ColumnSet ColumnSet
    {
        get => Parameters.ValueOrDefault<ColumnSet>(ColumnSetParameter);
        set => Parameters[ColumnSetParameter] = value;
    }

    public RelationshipQueryCollection RelatedEntitiesQuery
    {
        get => Parameters.ValueOrDefault<RelationshipQueryCollection>(RelatedEntitiesQueryParameter);
        set => Parameters[RelatedEntitiesQueryParameter] = value;
    }

    public bool ReturnNotifications
    {
        get => Parameters.ValueOrDefault<bool>(ReturnNotificationsParameter);
        set => Parameters[ReturnNotificationsParameter] = value;
    }
}

/// <summary>The answer to a RetrieveRequest.</summary>
public sealed class RetrieveResponse : OrganizationResponse
{
    private const string EntityParameter = "Entity";
    private const string NotificationsParameter = "Notifications";

    public Entity Entity => Results.ValueOrDefault<Entity>(EntityParameter);

    public object Notifications => Results.ValueOrDefault<object>(NotificationsParameter);
}
