using CreditOS.Solution.Metadata;

namespace CreditOS.LocalDataverse.Query;

/// <summary>How a column's values compare: the canonical CLR type the engine reduces them to.</summary>
internal enum ValueKind
{
    /// <summary>string, compared case- and accent-insensitively.</summary>
    Text,
    /// <summary>decimal: whole numbers, decimals and Money (by Value).</summary>
    Number,
    /// <summary>double: floating point columns.</summary>
    Float,
    /// <summary>DateTime in UTC.</summary>
    DateTime,
    /// <summary>Guid: primary keys, unique identifiers and lookups (EntityReference by Id).</summary>
    Identifier,
    Boolean,
    /// <summary>int: choice, state and status columns (OptionSetValue by Value).</summary>
    Choice,
}

internal static class ValueKinds
{
    public static ValueKind Of(ColumnType type) => type switch
    {
        ColumnType.String or ColumnType.Memo => ValueKind.Text,
        ColumnType.Integer or ColumnType.BigInt or ColumnType.Decimal or ColumnType.Money => ValueKind.Number,
        ColumnType.Double => ValueKind.Float,
        ColumnType.DateTime => ValueKind.DateTime,
        ColumnType.PrimaryKey or ColumnType.Uniqueidentifier or ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner => ValueKind.Identifier,
        ColumnType.Boolean => ValueKind.Boolean,
        ColumnType.Picklist or ColumnType.State or ColumnType.Status => ValueKind.Choice,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
    };

    public static bool IsReference(ColumnType type) =>
        type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner;
}
