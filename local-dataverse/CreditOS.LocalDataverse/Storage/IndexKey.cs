using Microsoft.Xrm.Sdk;

namespace CreditOS.LocalDataverse.Storage;

/// <summary>
/// The value an index files a row under: the referenced id for lookups, the number for choices and money,
/// strings compared case-insensitively as SQL Server's default collation does.
/// </summary>
internal static class IndexKey
{
    public static IEqualityComparer<object> Comparer { get; } = new KeyComparer();

    public static object? Normalize(object? value) => value switch
    {
        null => null,
        EntityReference reference => reference.Id,
        OptionSetValue option => option.Value,
        Money money => money.Value,
        _ => value,
    };

    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) =>
            x is string left && y is string right
                ? string.Equals(left, right, StringComparison.OrdinalIgnoreCase)
                : object.Equals(x, y);

        public int GetHashCode(object obj) =>
            obj is string text ? StringComparer.OrdinalIgnoreCase.GetHashCode(text) : obj.GetHashCode();
    }
}
