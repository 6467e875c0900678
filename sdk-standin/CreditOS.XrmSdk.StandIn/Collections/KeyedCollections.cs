namespace Microsoft.Xrm.Sdk;

/// <summary>The columns of a row, by logical name.</summary>
public sealed class AttributeCollection : DataCollection<string, object>
{
    public AttributeCollection()
    {
    }

#pragma warning disable CS0628 // protected in a sealed type: the official signature has it
    protected AttributeCollection(IDictionary<string, object> collection)
        : base(collection)
    {
    }
#pragma warning restore CS0628
}
