namespace Microsoft.Xrm.Sdk;

/// <summary>
/// Not SDK surface: the KeyAttributes of a row or reference, made on first read instead of in the constructor (session 23:
/// most rows and lookups the local Dataverse copies have no keys, and the empty collection with its dictionary was a good
/// part of their bytes). Settable to null, as the SDK's property: then null is what is read. A mutable struct held in a
/// field of its owner, so its calls change the owner's copy.
/// </summary>
internal struct LazyKeyAttributes
{
    private KeyAttributeCollection value;
    private bool set;

    public KeyAttributeCollection Get()
    {
        if (!set)
        {
            value = new KeyAttributeCollection();
            set = true;
        }

        return value;
    }

    // No tuple assignment here: the stand-in also builds for net462, which has no System.ValueTuple.
    public void Set(KeyAttributeCollection keys)
    {
        value = keys;
        set = true;
    }

    /// <summary>Whether reading could give anything to copy (true for a collection set to null, which fails as before).</summary>
    public readonly bool MayHaveAny => set && (value is null || value.Count > 0);
}
