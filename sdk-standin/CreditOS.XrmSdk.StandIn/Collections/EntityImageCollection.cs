namespace Microsoft.Xrm.Sdk;

/// <summary>Pre- or post-images of a plugin step, by the alias they were registered with.</summary>
public class EntityImageCollection : DataCollection<string, Entity>
{
    public EntityImageCollection()
    {
    }

    protected EntityImageCollection(IDictionary<string, Entity> collection)
        : base(collection)
    {
    }
}
