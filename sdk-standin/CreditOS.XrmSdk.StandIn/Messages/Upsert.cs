namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>Creates or updates a row found by id or alternate key.</summary>
public sealed class UpsertRequest : OrganizationRequest
{
    private const string MessageName = "Upsert";
    private const string TargetParameter = "Target";

    // Like the official message, the required parameters are present from the start (empty).
    public UpsertRequest()
    {
        RequestName = MessageName;
        Parameters[TargetParameter] = null;
    }

    public Entity Target
    {
        get => Parameters.ValueOrDefault<Entity>(TargetParameter);
        set => Parameters[TargetParameter] = value;
    }
}

/// <summary>The answer to an UpsertRequest.</summary>
public sealed class UpsertResponse : OrganizationResponse
{
    private const string RecordCreatedParameter = "RecordCreated";
    private const string TargetParameter = "Target";

    public bool RecordCreated => Results.ValueOrDefault<bool>(RecordCreatedParameter);

    public EntityReference Target => Results.ValueOrDefault<EntityReference>(TargetParameter);
}
