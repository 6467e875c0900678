namespace CreditOS.Solution.Metadata.Loading;

/// <summary>A table as read from one or more Entity.xml files, before relationships and system columns complete it.</summary>
internal sealed class TableDraft
{
    public required string LogicalName { get; init; }
    public required string SchemaName { get; init; }
    public required string File { get; init; }
    public string? DisplayName { get; set; }
    public string? DisplayCollectionName { get; set; }
    public string? Description { get; set; }
    public string? EntitySetName { get; set; }
    public OwnershipType? Ownership { get; set; }

    /// <summary>
    /// Declared <c>BusinessOwned</c> (systemuser, team, businessunit, role): modelled as organization-owned, but these tables
    /// have no statecode/statuscode in Dataverse (a user's or unit's state is <c>isdisabled</c>; teams and roles have none).
    /// </summary>
    public bool IsBusinessOwned { get; set; }
    public string? PrimaryNameAttribute { get; set; }
    public bool IsCustom { get; set; }
    public bool IsActivity { get; set; }
    public List<ColumnDraft> Columns { get; } = [];
    public List<AlternateKeyDefinition> Keys { get; } = [];

    public ColumnDraft? FindColumn(string logicalName) =>
        Columns.Find(c => string.Equals(c.LogicalName, logicalName, StringComparison.Ordinal));
}

/// <summary>A column as read from Entity.xml; lookup targets arrive later from the relationships.</summary>
internal sealed class ColumnDraft
{
    public required string LogicalName { get; init; }
    public required string SchemaName { get; init; }
    public required string DisplayName { get; init; }
    public required ColumnType Type { get; init; }
    public required string File { get; init; }
    public RequiredLevel RequiredLevel { get; init; }
    public bool IsCustom { get; init; }
    public bool IsValidForCreate { get; init; } = true;
    public bool IsValidForUpdate { get; init; } = true;
    public bool IsValidForRead { get; init; } = true;
    public int? MaxLength { get; init; }
    public decimal? MinValue { get; init; }
    public decimal? MaxValue { get; init; }
    public int? Precision { get; init; }
    public int? PrecisionSource { get; init; }
    public DateTimeBehavior DateTimeBehavior { get; init; } = DateTimeBehavior.UserLocal;
    public List<string> Targets { get; init; } = [];
    public IReadOnlyList<OptionDefinition> Options { get; set; } = [];
    public IReadOnlyList<OptionDefinition> TwoOptions { get; init; } = [];
    public string? Format { get; init; }
    public string? OptionSetName { get; init; }
    public string? Description { get; init; }
    public bool IsSecured { get; init; }

    public ColumnDefinition Build() => new()
    {
        LogicalName = LogicalName,
        SchemaName = SchemaName,
        DisplayName = DisplayName,
        Type = Type,
        RequiredLevel = RequiredLevel,
        IsCustom = IsCustom,
        IsValidForCreate = IsValidForCreate,
        IsValidForUpdate = IsValidForUpdate,
        IsValidForRead = IsValidForRead,
        MaxLength = MaxLength,
        MinValue = MinValue,
        MaxValue = MaxValue,
        Precision = Precision,
        PrecisionSource = PrecisionSource,
        DateTimeBehavior = DateTimeBehavior,
        Targets = [.. Targets],
        Options = Options,
        TwoOptions = TwoOptions,
        Format = Format,
        OptionSetName = OptionSetName,
        Description = Description,
        IsSecured = IsSecured,
    };
}
