namespace Microsoft.Xrm.Sdk;

/// <summary>The alternate key columns and values that identify a row.</summary>
public sealed class KeyAttributeCollection : DataCollection<string, object>
{
    public KeyAttributeCollection()
    {
    }

#pragma warning disable CS0628 // protected in a sealed type: the official signature has it
    protected KeyAttributeCollection(IDictionary<string, object> collection)
        : base(collection)
    {
    }
#pragma warning restore CS0628
}
