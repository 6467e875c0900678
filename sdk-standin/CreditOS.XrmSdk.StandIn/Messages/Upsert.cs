namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>Creates or updates a row found by id or alternate key.</summary>
public sealed class UpsertRequest : OrganizationRequest
{
    private const string MessageName = "Upsert";
    private const string TargetParameter = "Target";

    public UpsertRequest()
    {
        RequestName = MessageName;
    }

    public Entity Target
    {
        get => Parameters.ValueOrDefault<Entity>(TargetParameter);
        set => Parameters[TargetParameter] = value;
    }
}

/// <summary>The answer to a UpsertRequest.</summary>
public sealed class UpsertResponse : OrganizationResponse
{
    private const string MessageName = "Upsert";
    private const string RecordCreatedParameter = "RecordCreated";
    private const string TargetParameter = "Target";

    public UpsertResponse()
    {
        ResponseName = MessageName;
    }

    public bool RecordCreated => Results.ValueOrDefault<bool>(RecordCreatedParameter);

    public EntityReference Target => Results.ValueOrDefault<EntityReference>(TargetParameter);
}
