namespace Microsoft.Xrm.Sdk;

/// <summary>A reference to a row (lookup value): equal when logical name and id are equal.</summary>
public sealed class EntityReference
{
    public EntityReference()
    {
        KeyAttributes = new KeyAttributeCollection();
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

    public KeyAttributeCollection KeyAttributes { get; set; }

    public string LogicalName { get; set; }

    public string Name { get; set; }

    public string RowVersion { get; set; }

    public override bool Equals(object obj) =>
        obj is EntityReference other && other.Id == Id && string.Equals(other.LogicalName, LogicalName, StringComparison.Ordinal);

    public override int GetHashCode() => Id.GetHashCode() ^ (LogicalName is null ? 0 : StringComparer.Ordinal.GetHashCode(LogicalName));
}
