namespace Microsoft.Xrm.Sdk;

/// <summary>A relationship by schema name (and role, for self-referencing ones).</summary>
public sealed class Relationship
{
    public Relationship()
    {
    }

    public Relationship(string schemaName)
    {
        SchemaName = schemaName;
    }

    public EntityRole? PrimaryEntityRole { get; set; }

    public string SchemaName { get; set; }

    public override bool Equals(object obj) =>
        obj is Relationship other && string.Equals(other.SchemaName, SchemaName, StringComparison.Ordinal) && other.PrimaryEntityRole == PrimaryEntityRole;

    public override int GetHashCode() => (SchemaName is null ? 0 : StringComparer.Ordinal.GetHashCode(SchemaName)) ^ PrimaryEntityRole.GetHashCode();

    public override string ToString() => SchemaName + "." + PrimaryEntityRole;
}
