using System.Globalization;

namespace CreditOS.CreditEngine;

/// <summary>Input checks that raise <see cref="CreditInputException"/> with an actionable message.</summary>
internal static class Require
{
    public static void NotNegative(decimal amount, string what)
    {
        if (amount < 0)
        {
            throw new CreditInputException(what + " must not be negative (got " + amount.ToString(CultureInfo.InvariantCulture) + ").");
        }
    }

    public static void NotNull<T>(T? value, string what)
        where T : class
    {
        if (value is null)
        {
            throw new CreditInputException(what + " is required.");
        }
    }

    public static void CurrencyCode(string? currency, string what)
    {
        if (currency is null || currency.Length != 3 || !currency.All(char.IsUpper))
        {
            throw new CreditInputException(what + " must be a three-letter ISO currency code such as USD (got '" + currency + "').");
        }
    }

    public static void SameCurrency(string? actual, string expected, string what)
    {
        if (actual is not null && !string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new CreditInputException(
                what + " is in " + actual + " but the customer's credit is kept in " + expected + "; convert it to " + expected + " before scoring.");
        }
    }

    public static string Day(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
