using CreditOS.Solution.Files;
using CreditOS.Solution.Metadata.Loading;

namespace CreditOS.Solution.Metadata;

/// <summary>
/// Builds the <see cref="MetadataCatalog"/> from the unpacked solution: standard-table declarations
/// (<c>standard-tables/</c>), the solution's own tables and customisations (<c>src/Entities</c>), global choices
/// and relationships, plus the system columns Dataverse adds to every table.
/// </summary>
public static class SolutionMetadataLoader
{
    private static readonly Lazy<MetadataCatalog> EmbeddedCatalog = new(() => Load(new EmbeddedSolutionFileSource()));

    /// <summary>Loads from a solution folder on disk (the folder holding <c>src/</c> and <c>standard-tables/</c>).</summary>
    public static MetadataCatalog Load(string solutionDirectory) => Load(new DirectorySolutionFileSource(solutionDirectory));

    /// <summary>The catalog of the solution compiled into this assembly; loaded once and shared (it is immutable).</summary>
    public static MetadataCatalog LoadEmbedded() => EmbeddedCatalog.Value;

    public static MetadataCatalog Load(ISolutionFileSource files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var globalChoices = ReadGlobalChoices(files);
        var tables = new Dictionary<string, TableDraft>(StringComparer.Ordinal);
        foreach (var path in EntityFiles(files, SolutionLayout.StandardTables))
        {
            AddTable(tables, EntityXmlReader.Read(files, path, isCustomFolder: false));
        }

        var standardCount = tables.Count;
        foreach (var path in EntityFiles(files, SolutionLayout.Entities))
        {
            var draft = EntityXmlReader.Read(files, path, isCustomFolder: true);
            if (tables.TryGetValue(draft.LogicalName, out var standard))
            {
                MergeCustomisation(standard, draft);
            }
            else
            {
                AddTable(tables, draft);
            }
        }

        if (tables.Count == standardCount)
        {
            throw new SolutionFormatException($"{files.Describe(SolutionLayout.Entities)}: no solution tables found; is this the solution folder?");
        }

        foreach (var table in tables.Values)
        {
            Complete(table);
            SystemColumns.AddTo(table);
            ResolveChoices(table, globalChoices);
        }

        var relationships = ReadRelationships(files).ToList();
        foreach (var relationship in relationships)
        {
            ApplyRelationship(tables, relationship);
        }

        foreach (var table in tables.Values)
        {
            Validate(table, tables);
        }

        return new MetadataCatalog(tables.Values.Select(Build), relationships.Select(r => WithIntersectColumns(r.Definition, tables)));
    }

    private static IEnumerable<string> EntityFiles(ISolutionFileSource files, string folder) =>
        files.List(folder).Where(path => path.EndsWith("/" + SolutionLayout.EntityFileName, StringComparison.Ordinal));

    private static void AddTable(Dictionary<string, TableDraft> tables, TableDraft draft)
    {
        if (!tables.TryAdd(draft.LogicalName, draft))
        {
            throw new SolutionFormatException(draft.File, $"table '{draft.LogicalName}' is also declared in {tables[draft.LogicalName].File}.");
        }
    }

    /// <summary>src/Entities/&lt;standard table&gt;/Entity.xml adds creditOS's columns and keys to a standard table.</summary>
    private static void MergeCustomisation(TableDraft standard, TableDraft customisation)
    {
        if (customisation.EntitySetName is { } entitySet && entitySet != standard.EntitySetName)
        {
            throw new SolutionFormatException(customisation.File, $"entity set '{entitySet}' differs from '{standard.EntitySetName}' declared for the standard table in {standard.File}.");
        }

        foreach (var column in customisation.Columns)
        {
            if (standard.FindColumn(column.LogicalName) is not null)
            {
                throw new SolutionFormatException(customisation.File, $"column '{column.LogicalName}' is already declared for the standard table in {standard.File}.");
            }

            standard.Columns.Add(column);
        }

        standard.Keys.AddRange(customisation.Keys);
    }

    private static void Complete(TableDraft table)
    {
        if (string.IsNullOrEmpty(table.EntitySetName))
        {
            throw new SolutionFormatException(table.File, $"table '{table.LogicalName}' has no <EntitySetName>.");
        }

        table.Ownership ??= OwnershipType.UserOwned;
    }

    private static Dictionary<string, IReadOnlyList<OptionDefinition>> ReadGlobalChoices(ISolutionFileSource files)
    {
        var choices = new Dictionary<string, IReadOnlyList<OptionDefinition>>(StringComparer.Ordinal);
        foreach (var path in files.List(SolutionLayout.OptionSets).Where(p => p.EndsWith(".xml", StringComparison.Ordinal)))
        {
            var (name, options) = OptionSetXmlReader.ReadGlobal(files, path);
            if (!choices.TryAdd(name, options))
            {
                throw new SolutionFormatException(files.Describe(path), $"global choice '{name}' is declared twice.");
            }
        }

        return choices;
    }

    private static void ResolveChoices(TableDraft table, Dictionary<string, IReadOnlyList<OptionDefinition>> globalChoices)
    {
        foreach (var column in table.Columns.Where(c => c.Type is ColumnType.Picklist or ColumnType.State or ColumnType.Status))
        {
            if (column.OptionSetName is { } name)
            {
                column.Options = globalChoices.TryGetValue(name, out var options)
                    ? options
                    : throw new SolutionFormatException(column.File, $"column '{table.LogicalName}.{column.LogicalName}' uses global choice '{name}', which is not in {SolutionLayout.OptionSets}.");
            }

            if (column.Options.Count == 0)
            {
                throw new SolutionFormatException(column.File, $"choice column '{table.LogicalName}.{column.LogicalName}' has no options.");
            }
        }
    }

    private static IEnumerable<RelationshipDraft> ReadRelationships(ISolutionFileSource files)
    {
        var paths = new List<string>();
        if (files.Exists(SolutionLayout.StandardRelationships))
        {
            paths.Add(SolutionLayout.StandardRelationships);
        }

        paths.AddRange(files.List(SolutionLayout.Relationships).Where(p => p.EndsWith(".xml", StringComparison.Ordinal)));
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var relationship in paths.SelectMany(path => RelationshipXmlReader.Read(files, path)))
        {
            if (!seen.TryAdd(relationship.Definition.SchemaName, relationship.File))
            {
                throw new SolutionFormatException(relationship.File, $"relationship '{relationship.Definition.SchemaName}' is also declared in {seen[relationship.Definition.SchemaName]}.");
            }

            yield return relationship;
        }
    }

    private static void ApplyRelationship(Dictionary<string, TableDraft> tables, RelationshipDraft draft)
    {
        var relationship = draft.Definition;
        TableDraft Table(string name) => tables.TryGetValue(name, out var table)
            ? table
            : throw new SolutionFormatException(draft.File, $"relationship '{relationship.SchemaName}' refers to unknown table '{name}'.");

        var referenced = Table(relationship.ReferencedTable);
        var referencing = Table(relationship.ReferencingTable);
        if (relationship.Type == RelationshipType.ManyToMany)
        {
            var intersect = Table(relationship.IntersectTable!);
            foreach (var idColumn in new[] { PrimaryId(referenced), PrimaryId(referencing) })
            {
                if (intersect.FindColumn(idColumn) is null)
                {
                    throw new SolutionFormatException(draft.File, $"relationship '{relationship.SchemaName}': intersect table '{intersect.LogicalName}' has no column '{idColumn}'.");
                }
            }

            return;
        }

        var column = referencing.FindColumn(relationship.ReferencingAttribute!)
            ?? throw new SolutionFormatException(draft.File, $"relationship '{relationship.SchemaName}' uses column '{relationship.ReferencingAttribute}', which table '{referencing.LogicalName}' does not have.");
        if (!XmlNames.IsLookupType(column.Type))
        {
            throw new SolutionFormatException(draft.File, $"relationship '{relationship.SchemaName}' uses column '{referencing.LogicalName}.{column.LogicalName}', which is {column.Type}, not a lookup.");
        }

        if (!column.Targets.Contains(referenced.LogicalName, StringComparer.Ordinal))
        {
            column.Targets.Add(referenced.LogicalName);
        }
    }

    // Dataverse names a many-to-many intersect table's columns after the two tables' primary ids
    // (Entity1IntersectAttribute / Entity2IntersectAttribute); ApplyRelationship has checked they exist.
    private static RelationshipDefinition WithIntersectColumns(RelationshipDefinition relationship, Dictionary<string, TableDraft> tables) =>
        relationship.Type != RelationshipType.ManyToMany
            ? relationship
            : new RelationshipDefinition
            {
                SchemaName = relationship.SchemaName,
                Type = relationship.Type,
                ReferencedTable = relationship.ReferencedTable,
                ReferencingTable = relationship.ReferencingTable,
                IntersectTable = relationship.IntersectTable,
                IntersectReferencedAttribute = relationship.IntersectReferencedAttribute ?? PrimaryId(tables[relationship.ReferencedTable]),
                IntersectReferencingAttribute = relationship.IntersectReferencingAttribute ?? PrimaryId(tables[relationship.ReferencingTable]),
            };

    private static string PrimaryId(TableDraft table) => table.Columns.First(c => c.Type == ColumnType.PrimaryKey).LogicalName;

    private static void Validate(TableDraft table, Dictionary<string, TableDraft> tables)
    {
        if (table.Columns.Count(c => c.Type == ColumnType.PrimaryKey) != 1)
        {
            throw new SolutionFormatException(table.File, $"table '{table.LogicalName}' must have exactly one primary key column.");
        }

        if (table.PrimaryNameAttribute is { } primaryName && table.FindColumn(primaryName)?.Type != ColumnType.String)
        {
            throw new SolutionFormatException(table.File, $"the primary name column of '{table.LogicalName}' must be a text column.");
        }

        foreach (var column in table.Columns.Where(c => XmlNames.IsLookupType(c.Type)))
        {
            if (column.Targets.Count == 0)
            {
                throw new SolutionFormatException(column.File, $"lookup '{table.LogicalName}.{column.LogicalName}' has no relationship naming its target table.");
            }

            var unknown = column.Targets.FirstOrDefault(t => !tables.ContainsKey(t));
            if (unknown is not null)
            {
                throw new SolutionFormatException(column.File, $"lookup '{table.LogicalName}.{column.LogicalName}' targets unknown table '{unknown}'.");
            }
        }

        foreach (var key in table.Keys)
        {
            var missing = key.Columns.FirstOrDefault(c => table.FindColumn(c) is null);
            if (missing is not null)
            {
                throw new SolutionFormatException(table.File, $"alternate key '{key.LogicalName}' names column '{missing}', which table '{table.LogicalName}' does not have.");
            }
        }
    }

    private static TableDefinition Build(TableDraft table) => new()
    {
        LogicalName = table.LogicalName,
        SchemaName = table.SchemaName,
        EntitySetName = table.EntitySetName!,
        DisplayName = table.DisplayName ?? table.LogicalName,
        DisplayCollectionName = table.DisplayCollectionName ?? table.DisplayName ?? table.LogicalName,
        PrimaryIdAttribute = PrimaryId(table),
        PrimaryNameAttribute = table.PrimaryNameAttribute,
        Ownership = table.Ownership ?? OwnershipType.UserOwned,
        IsCustom = table.IsCustom,
        IsActivity = table.IsActivity,
        Description = table.Description,
        Columns = table.Columns.ToDictionary(c => c.LogicalName, c => c.Build(), StringComparer.Ordinal),
        AlternateKeys = [.. table.Keys],
    };
}
