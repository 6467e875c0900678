namespace CreditOS.Solution.Metadata;

public enum RelationshipType
{
    OneToMany,
    ManyToMany,
}

/// <summary>
/// What deleting the referenced row does to the referencing rows of a one-to-many relationship (the relationship's
/// <c>&lt;CascadeDelete&gt;</c>, Microsoft's CascadeType): Cascade deletes them, RemoveLink clears their lookup, Restrict
/// refuses the delete while any exists; NoCascade (not offered for delete by the maker tools) leaves them.
/// </summary>
public enum CascadeDelete
{
    RemoveLink,
    Cascade,
    Restrict,
    NoCascade,
}

/// <summary>
/// What assigning the referenced row to another owner does to the referencing rows of a one-to-many relationship (the
/// relationship's <c>&lt;CascadeAssign&gt;</c>, Microsoft's CascadeType, "Configure table relationship cascading behavior"):
/// Cascade assigns them all ("Cascade All"), Active only the active ones ("Cascade Active"), UserOwned only those owned by the
/// same user as the referenced row ("Cascade User Owned"), NoCascade leaves them ("Cascade None").
/// </summary>
public enum CascadeAssign
{
    NoCascade,
    Cascade,
    Active,
    UserOwned,
}

/// <summary>
/// A relationship. One-to-many: <see cref="ReferencedTable"/> (the "one") is pointed at by
/// <see cref="ReferencingAttribute"/> on <see cref="ReferencingTable"/>. Many-to-many: rows of
/// <see cref="ReferencedTable"/> and <see cref="ReferencingTable"/> linked through <see cref="IntersectTable"/>.
/// </summary>
public sealed class RelationshipDefinition
{
    public required string SchemaName { get; init; }
    public required RelationshipType Type { get; init; }
    public required string ReferencedTable { get; init; }
    public required string ReferencingTable { get; init; }
    /// <summary>One-to-many: the lookup column on the referencing table.</summary>
    public string? ReferencingAttribute { get; init; }
    /// <summary>Declared with the standard tables (solution/standard-tables), not by the solution.</summary>
    public bool IsStandard { get; init; }
    /// <summary>
    /// One-to-many, self-referencing: declared hierarchical (<c>IsHierarchical</c>), the one relationship of its table the
    /// hierarchy condition operators (under, eq-or-under, not-under, above, eq-or-above) walk.
    /// </summary>
    public bool IsHierarchical { get; init; }
    /// <summary>One-to-many: the delete behaviour (<c>&lt;CascadeDelete&gt;</c>; RemoveLink when the file gives none).</summary>
    public CascadeDelete CascadeDelete { get; init; } = CascadeDelete.RemoveLink;
    /// <summary>One-to-many: the assign behaviour (<c>&lt;CascadeAssign&gt;</c>; NoCascade when the file gives none).</summary>
    public CascadeAssign CascadeAssign { get; init; } = CascadeAssign.NoCascade;
    /// <summary>Many-to-many: the intersect table and its two id columns.</summary>
    public string? IntersectTable { get; init; }
    public string? IntersectReferencedAttribute { get; init; }
    public string? IntersectReferencingAttribute { get; init; }
}
