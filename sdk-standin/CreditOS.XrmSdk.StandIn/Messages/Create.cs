namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>Creates a row.</summary>
public sealed class CreateRequest : OrganizationRequest
{
    private const string MessageName = "Create";
    private const string TargetParameter = "Target";

    public CreateRequest()
    {
        RequestName = MessageName;
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
    private const string MessageName = "Create";
    private const string IdParameter = "id";

    public CreateResponse()
    {
        ResponseName = MessageName;
    }

    public Guid id => Results.ValueOrDefault<Guid>(IdParameter);
}
