using System.Globalization;
using System.ServiceModel;
using CreditOS.LocalDataverse.Faults;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Values;

/// <summary>
/// Checks one value against its column's metadata as Dataverse does on Create and Update, and returns the
/// value as the store keeps it (a private copy; DateTime in UTC).
/// </summary>
internal static class ColumnValueValidator
{
    public static object? Validate(TableDefinition table, ColumnDefinition column, object? value, Func<string, Guid, bool> rowExists)
    {
        if (value is null)
        {
            return null;
        }

        return column.Type switch
        {
            ColumnType.PrimaryKey or ColumnType.Uniqueidentifier => Expect<Guid>(table, column, value),
            ColumnType.String or ColumnType.Memo => CheckLength(table, column, Expect<string>(table, column, value)),
            ColumnType.Integer => CheckRange(table, column, Expect<int>(table, column, value), value),
            ColumnType.BigInt => CheckRange(table, column, Expect<long>(table, column, value), value),
            ColumnType.Decimal => CheckRange(table, column, Expect<decimal>(table, column, value), value),
            ColumnType.Double => CheckDoubleRange(table, column, Expect<double>(table, column, value)),
            ColumnType.Money => CheckRange(table, column, Expect<Money>(table, column, value).Value, new Money(((Money)value).Value)),
            ColumnType.Boolean => Expect<bool>(table, column, value),
            ColumnType.DateTime => CheckEarliest(table, column, column.DateTimeBehavior switch
            {
                DateTimeBehavior.DateOnly => DateOnlyValue(Expect<DateTime>(table, column, value)),
                DateTimeBehavior.TimeZoneIndependent => TimeZoneIndependentValue(table, column, Expect<DateTime>(table, column, value)),
                _ => ToUtc(Expect<DateTime>(table, column, value)),
            }),
            ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner =>
                CheckReference(table, column, Expect<EntityReference>(table, column, value), rowExists),
            ColumnType.Picklist or ColumnType.State or ColumnType.Status =>
                CheckOption(table, column, Expect<OptionSetValue>(table, column, value)),
            _ => throw DataverseFault.NotImplemented($"column type {column.Type} ({table.LogicalName}.{column.LogicalName})"),
        };
    }

    private static T Expect<T>(TableDefinition table, ColumnDefinition column, object value) =>
        value is T typed
            ? typed
            : throw DataverseFault.InvalidArgument(Invariant(
                $"Incorrect attribute value type {value.GetType().FullName} for attribute '{column.LogicalName}' of entity '{table.LogicalName}': expected {typeof(T).FullName} ({column.Type})."));

    private static string CheckLength(TableDefinition table, ColumnDefinition column, string text)
    {
        if (column.MaxLength is { } max && text.Length > max)
        {
            throw DataverseFault.Create(
                DataverseErrorCodes.StringLengthTooLong,
                Invariant($"A validation error occurred. The length of the '{column.LogicalName}' attribute of the '{table.LogicalName}' entity exceeded the maximum allowed length of '{max}'."));
        }

        return text;
    }

    private static object CheckRange(TableDefinition table, ColumnDefinition column, decimal number, object stored)
    {
        if ((column.MinValue is { } min && number < min) || (column.MaxValue is { } max && number > max))
        {
            throw OutOfRange(table, column, number.ToString(CultureInfo.InvariantCulture));
        }

        return stored;
    }

    private static double CheckDoubleRange(TableDefinition table, ColumnDefinition column, double number)
    {
        if (double.IsNaN(number)
            || (column.MinValue is { } min && number < (double)min)
            || (column.MaxValue is { } max && number > (double)max))
        {
            throw OutOfRange(table, column, number.ToString(CultureInfo.InvariantCulture));
        }

        return number;
    }

    /// <summary>
    /// A DateOnly column keeps the date alone: no time zone conversion and the time is always 12:00 AM ("Behavior and
    /// format of the date and time column", learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute),
    /// "without the time zone information" (DateTimeBehavior.DateOnly field, Microsoft.Xrm.Sdk.Metadata), so it is kept and returned
    /// with DateTimeKind.Unspecified, as the organization service returns it (fake-xrm-easy issue 458: "When we query such fields from
    /// Dynamics 365, we get DateTime field with Kind = Unspecified"). It was returned as Utc (session 26).
    /// </summary>
    private static DateTime DateOnlyValue(DateTime value) => DateTime.SpecifyKind(value.Date, DateTimeKind.Unspecified);

    /// <summary>
    /// A TimeZoneIndependent column "stores the actual date and time values in the system regardless of the user time zone"; "for the
    /// retrieve and update operations, no time zone conversion is performed" (Behavior and format of the date and time column,
    /// learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute). A Utc or Unspecified value is that
    /// date and time, kept as given. A Local value is refused: the local Dataverse converted it with this machine's time zone (a
    /// conversion the column does not make, and one that depends on where the test runs), and whether Dataverse keeps a Local value's
    /// wall clock or the instant the SDK serializes is not documented (session 27).
    /// </summary>
    private static DateTime TimeZoneIndependentValue(TableDefinition table, ColumnDefinition column, DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => throw DataverseFault.NotImplemented(Invariant(
            $"a DateTimeKind.Local value for the TimeZoneIndependent column '{column.LogicalName}' of '{table.LogicalName}' ({value:yyyy-MM-ddTHH:mm:ss} local time): Dataverse stores such a column's date and time with no time zone conversion, and whether it keeps a Local value's wall clock or the instant it stands for is not documented. Pass the date and time as DateTimeKind.Unspecified or Utc")),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>
    /// "All date and time columns in Dataverse support values as early as 1/1/1753 12:00 AM" (Configure the behavior and format of
    /// the date and time column by using code, learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute;
    /// DateTimeAttributeMetadata.MinSupportedValue). An earlier value was stored (fidelity round 6). Microsoft publishes no error
    /// code or wording for it: InvalidArgument, our wording, with the figures.
    /// </summary>
    private static DateTime CheckEarliest(TableDefinition table, ColumnDefinition column, DateTime value) =>
        value < EarliestSupported
            ? throw DataverseFault.InvalidArgument(Invariant(
                $"The value {value:yyyy-MM-ddTHH:mm:ss}Z of '{column.LogicalName}' on record of type '{table.LogicalName}' is before 1/1/1753 12:00 AM, the earliest date and time value Dataverse supports."))
            : value;

    /// <summary>1/1/1753 12:00 AM (UTC as stored), the earliest value of a Dataverse date and time column.</summary>
    internal static readonly DateTime EarliestSupported = new(1753, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static EntityReference CheckReference(TableDefinition table, ColumnDefinition column, EntityReference reference, Func<string, Guid, bool> rowExists)
    {
        if (column.Targets.Count > 0 && !column.Targets.Contains(reference.LogicalName, StringComparer.Ordinal))
        {
            throw DataverseFault.InvalidArgument(Invariant(
                $"The lookup '{column.LogicalName}' of entity '{table.LogicalName}' cannot refer to a '{reference.LogicalName}'; it can refer to: {string.Join(", ", column.Targets)}."));
        }

        if (reference.Id == Guid.Empty)
        {
            throw DataverseFault.InvalidArgument(Invariant(
                $"The lookup '{column.LogicalName}' of entity '{table.LogicalName}' has an EntityReference without an Id."));
        }

        if (!rowExists(reference.LogicalName, reference.Id))
        {
            throw DataverseFault.RecordNotFound(reference.LogicalName, reference.Id);
        }

        return new EntityReference(reference.LogicalName, reference.Id);
    }

    private static OptionSetValue CheckOption(TableDefinition table, ColumnDefinition column, OptionSetValue option)
    {
        if (column.Options.Count > 0 && column.Options.All(o => o.Value != option.Value))
        {
            throw OutOfRange(table, column, option.Value.ToString(CultureInfo.InvariantCulture));
        }

        return new OptionSetValue(option.Value);
    }

    private static FaultException<OrganizationServiceFault> OutOfRange(TableDefinition table, ColumnDefinition column, string value) =>
        DataverseFault.Create(
            DataverseErrorCodes.ValueOutOfRange,
            Invariant($"A validation error occurred. The value {value} of '{column.LogicalName}' on record of type '{table.LogicalName}' is outside the valid range."));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
