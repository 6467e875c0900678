using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

/// <summary>Moves a row into a queue.</summary>
public sealed class AddToQueueRequest : OrganizationRequest
{
    private const string MessageName = "AddToQueue";
    private const string TargetParameter = "Target";
    private const string SourceQueueIdParameter = "SourceQueueId";
    private const string DestinationQueueIdParameter = "DestinationQueueId";
    private const string QueueItemPropertiesParameter = "QueueItemProperties";

    // Like the official message, the required parameters are present from the start (empty).
    public AddToQueueRequest()
    {
        RequestName = MessageName;
        Parameters[TargetParameter] = null;
        Parameters[DestinationQueueIdParameter] = Guid.Empty;
    }

    public EntityReference Target
    {
        get => Parameters.ValueOrDefault<EntityReference>(TargetParameter);
        set => Parameters[TargetParameter] = value;
    }

    public Guid SourceQueueId
    {
        get => Parameters.ValueOrDefault<Guid>(SourceQueueIdParameter);
        set => Parameters[SourceQueueIdParameter] = value;
    }

    public Guid DestinationQueueId
    {
        get => Parameters.ValueOrDefault<Guid>(DestinationQueueIdParameter);
        set => Parameters[DestinationQueueIdParameter] = value;
    }

    public Entity QueueItemProperties
    {
        get => Parameters.ValueOrDefault<Entity>(QueueItemPropertiesParameter);
        set => Parameters[QueueItemPropertiesParameter] = value;
    }
}

/// <summary>The answer to an AddToQueueRequest.</summary>
public sealed class AddToQueueResponse : OrganizationResponse
{
    private const string QueueItemIdParameter = "QueueItemId";

    public Guid QueueItemId => Results.ValueOrDefault<Guid>(QueueItemIdParameter);
}
