namespace CreditOS.Solution.Metadata;

/// <summary>A Dataverse table (entity) with its columns and alternate keys.</summary>
public sealed class TableDefinition
{
    public required string LogicalName { get; init; }
    public required string SchemaName { get; init; }
    /// <summary>The Web API entity set name, e.g. accounts, cos_payments.</summary>
    public required string EntitySetName { get; init; }
    public required string DisplayName { get; init; }
    public required string DisplayCollectionName { get; init; }
    public required string PrimaryIdAttribute { get; init; }
    public string? PrimaryNameAttribute { get; init; }
    public OwnershipType Ownership { get; init; } = OwnershipType.UserOwned;
    public bool IsCustom { get; init; }
    /// <summary>An activity table (task, email): Dataverse grants its privileges as one set, prv…Activity, for every activity table.</summary>
    public bool IsActivity { get; init; }
    /// <summary>Standard tables are declared only with the columns creditOS uses; they are not part of the packed solution.</summary>
    public bool IsStandard => !IsCustom;
    public required IReadOnlyDictionary<string, ColumnDefinition> Columns { get; init; }
    public IReadOnlyList<AlternateKeyDefinition> AlternateKeys { get; init; } = [];
    public string? Description { get; init; }

    public ColumnDefinition? FindColumn(string logicalName) =>
        Columns.TryGetValue(logicalName, out var column) ? column : null;
}
