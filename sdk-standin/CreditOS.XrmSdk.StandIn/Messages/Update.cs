namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>Updates the columns given in Target.</summary>
public sealed class UpdateRequest : OrganizationRequest
{
    private const string MessageName = "Update";
    private const string TargetParameter = "Target";
    private const string ConcurrencyBehaviorParameter = "ConcurrencyBehavior";

    // Like the official message, the required parameters are present from the start (empty).
    public UpdateRequest()
    {
        RequestName = MessageName;
        Parameters[TargetParameter] = null;
    }

    public Entity Target
    {
        get => Parameters.ValueOrDefault<Entity>(TargetParameter);
        set => Parameters[TargetParameter] = value;
    }

    public ConcurrencyBehavior ConcurrencyBehavior
    {
        get => Parameters.ValueOrDefault<ConcurrencyBehavior>(ConcurrencyBehaviorParameter);
        set => Parameters[ConcurrencyBehaviorParameter] = value;
    }
}

/// <summary>The answer to an UpdateRequest.</summary>
public sealed class UpdateResponse : OrganizationResponse
{
}
