namespace Microsoft.Xrm.Sdk.Messages;

/// <summary>Removes links between rows.</summary>
public sealed class DisassociateRequest : OrganizationRequest
{
    private const string MessageName = "Disassociate";
    private const string TargetParameter = "Target";
    private const string RelationshipParameter = "Relationship";
    private const string RelatedEntitiesParameter = "RelatedEntities";

    // Like the official message, the required parameters are present from the start (empty).
    public DisassociateRequest()
    {
        RequestName = MessageName;
        Parameters[TargetParameter] = null;
        Parameters[RelationshipParameter] = null;
        Parameters[RelatedEntitiesParameter] = null;
    }

    public EntityReference Target
    {
        get => Parameters.ValueOrDefault<EntityReference>(TargetParameter);
        set => Parameters[TargetParameter] = value;
    }

    public Relationship Relationship
    {
        get => Parameters.ValueOrDefault<Relationship>(RelationshipParameter);
        set => Parameters[RelationshipParameter] = value;
    }

    public EntityReferenceCollection RelatedEntities
    {
        get => Parameters.ValueOrDefault<EntityReferenceCollection>(RelatedEntitiesParameter);
        set => Parameters[RelatedEntitiesParameter] = value;
    }
}

/// <summary>The answer to a DisassociateRequest.</summary>
public sealed class DisassociateResponse : OrganizationResponse
{
}
