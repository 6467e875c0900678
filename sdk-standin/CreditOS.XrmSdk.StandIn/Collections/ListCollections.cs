namespace Microsoft.Xrm.Sdk;

/// <summary>References to rows, for Associate and Disassociate.</summary>
public sealed class EntityReferenceCollection : DataCollection<EntityReference>
{
    public EntityReferenceCollection()
    {
    }

    public EntityReferenceCollection(IList<EntityReference> list)
        : base(list)
    {
    }
}

/// <summary>The values of a multi-select choice column.</summary>
public sealed class OptionSetValueCollection : DataCollection<OptionSetValue>
{
    public OptionSetValueCollection()
    {
    }

    public OptionSetValueCollection(IList<OptionSetValue> list)
        : base(list)
    {
    }
}

/// <summary>The requests of an ExecuteMultiple or ExecuteTransaction.</summary>
public sealed class OrganizationRequestCollection : DataCollection<OrganizationRequest>
{
}

/// <summary>The responses of an ExecuteTransaction.</summary>
public sealed class OrganizationResponseCollection : DataCollection<OrganizationResponse>
{
}

/// <summary>The responses (or faults) of an ExecuteMultiple.</summary>
public sealed class ExecuteMultipleResponseItemCollection : DataCollection<ExecuteMultipleResponseItem>
{
}
