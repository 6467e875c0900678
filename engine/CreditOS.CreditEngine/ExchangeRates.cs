namespace CreditOS.CreditEngine;

/// <summary>
/// Dataverse's currency arithmetic, in one place: a currency's exchange rate is how many of it one unit of the
/// organization's base currency buys, so base = amount ÷ rate and an amount moves between two currencies through the base.
/// </summary>
public static class ExchangeRates
{
    /// <summary><paramref name="amount"/> from a currency worth <paramref name="fromRate"/> per base unit into one worth <paramref name="toRate"/>, at <paramref name="precision"/> places.</summary>
    public static decimal Convert(decimal amount, decimal fromRate, decimal toRate, int precision)
    {
        if (fromRate <= 0 || toRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fromRate), "Exchange rates must be positive (from " + fromRate + ", to " + toRate + ").");
        }

        return Math.Round(amount / fromRate * toRate, precision, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// A base-currency value (a money column's <c>x_base</c>) in a currency worth <paramref name="toRate"/> per base unit, not
    /// rounded: base values carry the base currency's few decimals, so the product is exact and a sum converts to the same
    /// figure whether its parts are converted one by one or summed first.
    /// </summary>
    public static decimal FromBase(decimal baseAmount, decimal toRate)
    {
        if (toRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(toRate), "Exchange rates must be positive (to " + toRate + ").");
        }

        return baseAmount * toRate;
    }
}
