namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>Creates a row.</summary>
public sealed class CreateRequest : OrganizationRequest
{
    private const string MessageName = "Create";
    private const string TargetParameter = "Target";

    // Like the official message, the required parameters are present from the start (empty).
    public CreateRequest()
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

/// <summary>The answer to a CreateRequest.</summary>
public sealed class CreateResponse : OrganizationResponse
{
    private const string IdParameter = "id";

    public Guid id => Results.ValueOrDefault<Guid>(IdParameter);
}
