namespace CreditOS.Cli.Configuration;

/// <summary>What kind of value a configuration change carries for a column (from its AttributeType).</summary>
public enum ColumnKind
{
    Text,
    WholeNumber,
    Decimal,
    Money,
    YesNo,
    Choice,
    Lookup,
}

/// <summary>A choice's (or yes/no's) value as the change text writes it and its label.</summary>
public sealed record ColumnOption(string Value, string Label);

/// <summary>
/// A column as the table definitions describe it (Web API <c>EntityDefinitions(…)/Attributes</c> and the casts to each
/// type), the same properties the configuration change page reads: display name, kind, precision (and its source: 2 is the
/// row's currency's), range, length, options and lookup targets.
/// </summary>
public sealed record ColumnDefinition(string LogicalName, string Label, ColumnKind Kind)
{
    public int? Precision { get; init; }

    public int? PrecisionSource { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public int? MaxLength { get; init; }

    public IReadOnlyList<ColumnOption> Options { get; init; } = [];

    public IReadOnlyList<string> Targets { get; init; } = [];
}
