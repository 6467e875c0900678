namespace CreditOS.Solution.Metadata;

/// <summary>Every table, column and relationship creditOS knows, read from solution/.</summary>
public sealed class MetadataCatalog
{
    private readonly Dictionary<string, TableDefinition> _tables;
    private readonly Dictionary<string, TableDefinition> _tablesByEntitySet;
    private readonly Dictionary<string, RelationshipDefinition> _relationships;
    // FindHierarchy's answers by table: every Create and Update asks (the loop guard), and the catalog never changes.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RelationshipDefinition?> _hierarchies = new(StringComparer.Ordinal);

    public MetadataCatalog(IEnumerable<TableDefinition> tables, IEnumerable<RelationshipDefinition> relationships)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(relationships);
        _tables = tables.ToDictionary(t => t.LogicalName, StringComparer.Ordinal);
        _tablesByEntitySet = _tables.Values.ToDictionary(t => t.EntitySetName, StringComparer.Ordinal);
        _relationships = relationships.ToDictionary(r => r.SchemaName, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<TableDefinition> Tables => _tables.Values;
    public IReadOnlyCollection<RelationshipDefinition> Relationships => _relationships.Values;

    public TableDefinition? FindTable(string logicalName) =>
        _tables.TryGetValue(logicalName, out var table) ? table : null;

    public TableDefinition? FindTableByEntitySet(string entitySetName) =>
        _tablesByEntitySet.TryGetValue(entitySetName, out var table) ? table : null;

    public RelationshipDefinition? FindRelationship(string schemaName) =>
        _relationships.TryGetValue(schemaName, out var relationship) ? relationship : null;

    /// <summary>
    /// The table's hierarchical relationship (self-referencing one-to-many marked <c>IsHierarchical</c>); null when it has
    /// none. Dataverse allows one per table, so a second is a metadata error.
    /// </summary>
    public RelationshipDefinition? FindHierarchy(string table) =>
        _hierarchies.TryGetValue(table, out var known) ? known : _hierarchies.GetOrAdd(table, LookUpHierarchy(table));

    // A table with two hierarchical relationships throws here every time it is asked (nothing is kept for it).
    private RelationshipDefinition? LookUpHierarchy(string table)
    {
        var found = _relationships.Values
            .Where(r => r.IsHierarchical && r.Type == RelationshipType.OneToMany && r.ReferencedTable == table && r.ReferencingTable == table)
            .ToArray();
        return found.Length switch
        {
            0 => null,
            1 => found[0],
            _ => throw new InvalidOperationException(
                $"Table '{table}' declares {found.Length} hierarchical relationships ({string.Join(", ", found.Select(r => r.SchemaName))}); Dataverse allows one per table."),
        };
    }
}
