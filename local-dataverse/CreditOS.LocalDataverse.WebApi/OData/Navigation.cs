using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.WebApi.OData;

/// <summary>The kinds of navigation property: "Single-valued navigation properties correspond to Lookup attributes that support
/// many-to-one relationships … Collection-valued navigation properties correspond to one-to-many or many-to-many relationships"
/// (Retrieve a table row using the Web API, "Retrieve related tables … by expanding navigation properties").</summary>
internal enum NavigationKind
{
    SingleValued,
    OneToMany,
    ManyToMany,
}

/// <summary>
/// A navigation property of a table resolved from the relationship metadata: a lookup's single-valued property (named as
/// <see cref="NavigationProperties"/> names it), or a collection-valued one named by the relationship's schema name, for a
/// one-to-many relationship from its referenced table or a many-to-many one from either side ("Both of these tables have a
/// systemuserroles_association collection-valued navigation property", Associate and disassociate table rows using the Web API).
/// </summary>
internal sealed record Navigation(string Name, NavigationKind Kind, RelationshipDefinition Relationship, TableDefinition Source, TableDefinition Target)
{
    public bool IsCollection => Kind != NavigationKind.SingleValued;

    /// <summary>The lookup column: on the source row for a single-valued property, on the related rows for a one-to-many one.</summary>
    public string? LookupColumn => Kind == NavigationKind.ManyToMany ? null : Relationship.ReferencingAttribute;

    /// <summary>The intersect column that holds the source row's id (many-to-many).</summary>
    public string SourceIntersectColumn => Source.LogicalName == Relationship.ReferencedTable
        ? Relationship.IntersectReferencedAttribute!
        : Relationship.IntersectReferencingAttribute!;

    /// <summary>The intersect column that holds the related row's id (many-to-many).</summary>
    public string TargetIntersectColumn => Source.LogicalName == Relationship.ReferencedTable
        ? Relationship.IntersectReferencingAttribute!
        : Relationship.IntersectReferencedAttribute!;

    /// <summary>The navigation property of <paramref name="table"/> with exactly this name (case-sensitive), or null.</summary>
    /// <remarks>A self-referencing many-to-many relationship has two properties of its own (…_referencing/…_referenced) that the
    /// local metadata does not name; none of creditOS's tables has one, so it is not resolved here.</remarks>
    public static Navigation? Find(MetadataCatalog metadata, TableDefinition table, string name)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(table);
        if (NavigationProperties.Find(metadata, table, name) is { } lookup)
        {
            var relationship = metadata.Relationships.First(r => r.Type == RelationshipType.OneToMany && r.ReferencingTable == table.LogicalName
                && r.ReferencingAttribute == lookup.Column && r.ReferencedTable == lookup.Target);
            return new Navigation(name, NavigationKind.SingleValued, relationship, table, metadata.FindTable(lookup.Target)!);
        }

        foreach (var relationship in metadata.Relationships.Where(r => string.Equals(r.SchemaName, name, StringComparison.Ordinal)))
        {
            if (relationship is { Type: RelationshipType.OneToMany, ReferencingAttribute: not null } && relationship.ReferencedTable == table.LogicalName
                && metadata.FindTable(relationship.ReferencingTable) is { } children)
            {
                return new Navigation(name, NavigationKind.OneToMany, relationship, table, children);
            }

            if (relationship.Type == RelationshipType.ManyToMany && relationship.ReferencedTable != relationship.ReferencingTable
                && (relationship.ReferencedTable == table.LogicalName || relationship.ReferencingTable == table.LogicalName)
                && metadata.FindTable(relationship.ReferencedTable == table.LogicalName ? relationship.ReferencingTable : relationship.ReferencedTable) is { } other)
            {
                return new Navigation(name, NavigationKind.ManyToMany, relationship, table, other);
            }
        }

        return null;
    }
}
