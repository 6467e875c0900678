using System.Data.SqlTypes;
using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Query;

/// <summary>
/// Reduces stored values to the one CLR type per <see cref="ValueKind"/> the engine compares
/// (Money by Value, EntityReference by Id, OptionSetValue by Value), and compares them as SQL Server would.
/// </summary>
internal static class CanonicalValue
{
    public static object? FromStored(object? value, ValueKind kind)
    {
        if (value is null)
        {
            return null;
        }

        return kind switch
        {
            ValueKind.Text => value as string ?? throw Unexpected(value, kind),
            ValueKind.Number => value switch
            {
                Money money => money.Value,
                int number => (decimal)number,
                long number => (decimal)number,
                decimal number => number,
                _ => throw Unexpected(value, kind),
            },
            ValueKind.Float => value switch
            {
                double number => number,
                float number => (double)number,
                _ => throw Unexpected(value, kind),
            },
            ValueKind.DateTime => value is DateTime moment ? AsUtc(moment) : throw Unexpected(value, kind),
            ValueKind.Identifier => value switch
            {
                EntityReference reference => reference.Id,
                Guid id => id,
                _ => throw Unexpected(value, kind),
            },
            ValueKind.Boolean => value is bool flag ? flag : throw Unexpected(value, kind),
            ValueKind.Choice => value switch
            {
                OptionSetValue option => option.Value,
                int number => number,
                _ => throw Unexpected(value, kind),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>Users are taken to be in UTC: an unspecified DateTime is read as UTC.</summary>
    public static DateTime AsUtc(DateTime moment) => moment.Kind switch
    {
        DateTimeKind.Utc => moment,
        DateTimeKind.Local => moment.ToUniversalTime(),
        _ => DateTime.SpecifyKind(moment, DateTimeKind.Utc),
    };

    /// <summary>Orders two canonical values of the same kind; null sorts first, as in SQL Server.</summary>
    public static int Compare(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return (left is null ? 0 : 1) - (right is null ? 0 : 1);
        }

        return (left, right) switch
        {
            (string a, string b) => Collation.Compare(a, b),
            (Guid a, Guid b) => new SqlGuid(a).CompareTo(new SqlGuid(b)),
            (IComparable a, _) => a.CompareTo(right),
            _ => throw new InvalidOperationException($"Values of type {left.GetType().Name} cannot be ordered."),
        };
    }

    public static bool AreEqual(object? left, object? right) =>
        left is not null && right is not null && Compare(left, right) == 0;

    /// <summary>A hashable form: equal canonical values (by <see cref="Compare"/>) give equal keys.</summary>
    public static object? HashKey(object? canonical) =>
        canonical is string text ? Collation.FoldForEquality(text) : canonical;

    private static InvalidOperationException Unexpected(object value, ValueKind kind) =>
        new($"The row source holds a {value.GetType().Name} where a {kind} value was expected.");
}
