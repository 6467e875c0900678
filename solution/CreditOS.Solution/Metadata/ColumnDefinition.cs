namespace CreditOS.Solution.Metadata;

/// <summary>A column of a table, as declared in the solution (or, for standard tables, in solution/standard-tables).</summary>
public sealed class ColumnDefinition
{
    public required string LogicalName { get; init; }
    public required string SchemaName { get; init; }
    public required string DisplayName { get; init; }
    public required ColumnType Type { get; init; }
    public RequiredLevel RequiredLevel { get; init; } = RequiredLevel.None;
    public bool IsCustom { get; init; }
    public bool IsValidForCreate { get; init; } = true;
    public bool IsValidForUpdate { get; init; } = true;
    public bool IsValidForRead { get; init; } = true;
    /// <summary>Maximum length for String and Memo columns.</summary>
    public int? MaxLength { get; init; }
    /// <summary>Inclusive range for Integer, BigInt, Decimal, Double and Money columns.</summary>
    public decimal? MinValue { get; init; }
    public decimal? MaxValue { get; init; }
    /// <summary>Decimal places for Decimal, Double and Money columns.</summary>
    public int? Precision { get; init; }
    /// <summary>
    /// Money columns: where the precision comes from (&lt;AccuracySource&gt;, MoneyAttributeMetadata.PrecisionSource):
    /// 0 the column's <see cref="Precision"/>, 1 the organization's PricingDecimalPrecision, 2 the record's currency
    /// (TransactionCurrency.CurrencyPrecision). Microsoft: "If this property is not assigned a value, it defaults to 2."
    /// </summary>
    public int? PrecisionSource { get; init; }
    /// <summary>DateTime columns: UserLocal (the default), DateOnly or TimeZoneIndependent (from <c>&lt;Behavior&gt;</c>).</summary>
    public DateTimeBehavior DateTimeBehavior { get; init; } = DateTimeBehavior.UserLocal;
    /// <summary>Tables a Lookup, Customer or Owner column may point at (from the relationships that use it).</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];
    /// <summary>Choices of a Picklist, State or Status column.</summary>
    public IReadOnlyList<OptionDefinition> Options { get; init; } = [];
    /// <summary>Yes/no (Boolean) columns: the labels of 1 (true) and 0 (false), from the column's bit option set.</summary>
    public IReadOnlyList<OptionDefinition> TwoOptions { get; init; } = [];
    /// <summary>The column's &lt;Format&gt; (text, email, date, datetime, none, duration…), when the solution gives one.</summary>
    public string? Format { get; init; }
    /// <summary>Name of the global option set a Picklist column uses, if any.</summary>
    public string? OptionSetName { get; init; }
    public string? Description { get; init; }
    /// <summary>Column security: only field security profiles that grant it may read or change the value.</summary>
    public bool IsSecured { get; init; }
}
