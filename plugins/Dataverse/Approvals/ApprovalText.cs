using System.Globalization;

namespace CreditOS.Dataverse.Approvals;

/// <summary>Amounts and dates in approval texts, formatted the same way on every machine.</summary>
internal static class ApprovalText
{
    public static string Amount(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Percent(decimal percent) => percent.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
