namespace Microsoft.Xrm.Sdk;

/// <summary>A reference to a row (lookup value): equal when logical name and id are equal.</summary>
public sealed class EntityReference
{
    // Keys are made when first read (see Entity): most references are lookups by id, and the empty collection with its
    // dictionary was most of a reference's bytes.
    private LazyKeyAttributes keyAttributes;

    public EntityReference()
    {
    }

    public EntityReference(string logicalName)
        : this()
    {
        LogicalName = logicalName;
    }

    public EntityReference(string logicalName, Guid id)
        : this(logicalName)
    {
        Id = id;
    }

    public EntityReference(string logicalName, string keyName, object keyValue)
        : this(logicalName)
    {
        KeyAttributes.Add(keyName, keyValue);
    }

    public EntityReference(string logicalName, KeyAttributeCollection keyAttributeCollection)
        : this(logicalName)
    {
        if (keyAttributeCollection is not null)
        {
            KeyAttributes = keyAttributeCollection;
        }
    }

    public Guid Id { get; set; }

    /// <summary>Settable to null, as the SDK's: then null is what is read.</summary>
    public KeyAttributeCollection KeyAttributes
    {
        get => keyAttributes.Get();
        set => keyAttributes.Set(value);
    }

    /// <summary>
    /// Not SDK surface (internal, for the local Dataverse's copies): whether reading <see cref="KeyAttributes"/> could give
    /// anything to copy, without making the collection only to find it empty.
    /// </summary>
    internal bool MayHaveKeyAttributes => keyAttributes.MayHaveAny;

    public string LogicalName { get; set; }

    public string Name { get; set; }

    public string RowVersion { get; set; }

    public override bool Equals(object obj) =>
        obj is EntityReference other && other.Id == Id && string.Equals(other.LogicalName, LogicalName, StringComparison.Ordinal);

    public override int GetHashCode() => Id.GetHashCode() ^ (LogicalName is null ? 0 : StringComparer.Ordinal.GetHashCode(LogicalName));
}
