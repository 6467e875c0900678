using System.Globalization;

namespace CreditOS.CreditEngine;

/// <summary>Formats amounts the same way on every machine: "USD 12,500.00".</summary>
public static class MoneyText
{
    public static string Format(string currency, decimal amount) => currency + " " + Amount(amount);

    /// <summary>An amount without its currency, as messages state figures: "12,500.00".</summary>
    public static string Amount(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Percent(double share) =>
        (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value, string format) =>
        value.ToString(format, CultureInfo.InvariantCulture);
}
