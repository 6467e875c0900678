using System.Globalization;

namespace CreditOS.Cli.Demo.Reporting;

/// <summary>How the demo writes money, percentages and scores (invariant culture, so logs read the same everywhere).</summary>
internal static class Figures
{
    public static string Money(decimal amount) => amount.ToString("#,##0", CultureInfo.InvariantCulture);

    public static string Money(string currency, decimal amount) => currency + " " + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Utilization as stored on the account (a percentage); meaningless without a limit.</summary>
    public static string Utilization(decimal limit, decimal? percent) => limit > 0 ? Percent(percent) : "no limit";

    public static string Percent(decimal? percent) => percent is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    public static string Score(decimal? score) => score is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    public static string Count(int count) => count.ToString("#,##0", CultureInfo.InvariantCulture);

    public static string Days(double? days) => days is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) + " days" : "n/a";
}
