namespace Microsoft.Xrm.Sdk;

/// <summary>Related rows of an entity, by relationship.</summary>
public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection>
{
    private bool isReadOnly;

    public override bool IsReadOnly => isReadOnly;

    internal void MakeReadOnly() => isReadOnly = true;
}
