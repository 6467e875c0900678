namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>Deletes a row.</summary>
public sealed class DeleteRequest : OrganizationRequest
{
    private const string MessageName = "Delete";
    private const string TargetParameter = "Target";
    private const string ConcurrencyBehaviorParameter = "ConcurrencyBehavior";

    // Like the official message, the required parameters are present from the start (empty).
    public DeleteRequest()
    {
        RequestName = MessageName;
        Parameters[TargetParameter] = null;
    }

    public EntityReference Target
    {
        get => Parameters.ValueOrDefault<EntityReference>(TargetParameter);
        set => Parameters[TargetParameter] = value;
    }

    public ConcurrencyBehavior ConcurrencyBehavior
    {
        get => Parameters.ValueOrDefault<ConcurrencyBehavior>(ConcurrencyBehaviorParameter);
        set => Parameters[ConcurrencyBehaviorParameter] = value;
    }
}

/// <summary>The answer to a DeleteRequest.</summary>
public sealed class DeleteResponse : OrganizationResponse
{
}
