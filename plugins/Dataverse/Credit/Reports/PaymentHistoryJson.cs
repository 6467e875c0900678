using System.Globalization;
using System.Text;
using CreditOS.CreditEngine.Reports;
using CreditOS.Dataverse.Framework;

namespace CreditOS.Dataverse.Credit.Reports;

/// <summary>
/// The report model as JSON for the account's printable page (cos_/credit/payment_history.html), written by hand:
/// the plugin assembly targets .NET Framework 4.6.2 and carries no JSON library. Numbers are invariant, null is null.
/// </summary>
public static class PaymentHistoryJson
{
    public static string Write(PaymentHistoryReport report)
    {
        var json = new StringBuilder(4096);
        json.Append('{');
        Property(json, "customerName", report.CustomerName).Append(',');
        Property(json, "currency", report.Currency).Append(',');
        Property(json, "asOf", report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
        Number(json, "invoicesIssued", report.InvoicesIssued).Append(',');
        Number(json, "amountInvoiced", report.AmountInvoiced).Append(',');
        Number(json, "amountPaid", report.AmountPaid).Append(',');
        Number(json, "invoicesSettled", report.InvoicesSettled).Append(',');
        Number(json, "onTimeShare", report.OnTimeShare).Append(',');
        Number(json, "averageDaysToPay", report.AverageDaysToPay).Append(',');
        Number(json, "averageDaysBeyondTerms", report.AverageDaysBeyondTerms).Append(',');
        Number(json, "daysBeyondTermsTrendPerMonth", report.DaysBeyondTermsTrendPerMonth).Append(',');
        Property(json, "trend", report.TrendText).Append(',');
        Number(json, "disputedInvoices", report.DisputedInvoices).Append(',');
        Number(json, "openNow", report.OpenNow).Append(',');
        Number(json, "overdueNow", report.OverdueNow).Append(',');
        Number(json, "discountsTaken", report.DiscountsTaken).Append(',');
        Number(json, "discountsMissed", report.DiscountsMissed).Append(',');
        Number(json, "discountsMissedAmount", report.DiscountsMissedAmount).Append(",\"months\":[");
        for (var i = 0; i < report.Months.Count; i++)
        {
            var m = report.Months[i];
            json.Append(i == 0 ? "{" : ",{");
            Property(json, "month", m.Label).Append(',');
            Number(json, "invoicesIssued", m.InvoicesIssued).Append(',');
            Number(json, "amountInvoiced", m.AmountInvoiced).Append(',');
            Number(json, "amountPaid", m.AmountPaid).Append(',');
            Number(json, "invoicesSettled", m.InvoicesSettled).Append(',');
            Number(json, "averageDaysToPay", m.AverageDaysToPay).Append(',');
            Number(json, "averageTermsDays", m.AverageTermsDays).Append(',');
            Number(json, "averageDaysBeyondTerms", m.AverageDaysBeyondTerms).Append(',');
            Number(json, "onTimeShare", m.OnTimeShare).Append(',');
            Number(json, "disputedInvoices", m.DisputedInvoices).Append(',');
            Number(json, "openAtMonthEnd", m.OpenAtMonthEnd).Append(',');
            Number(json, "creditLimit", m.CreditLimit).Append(',');
            Number(json, "utilization", m.Utilization).Append(',');
            Number(json, "riskScore", m.RiskScore).Append(',');
            Number(json, "valueScore", m.ValueScore).Append(',');
            Number(json, "discountsTaken", m.DiscountsTaken).Append(',');
            Number(json, "discountsMissed", m.DiscountsMissed).Append(',');
            Number(json, "discountsMissedAmount", m.DiscountsMissedAmount).Append('}');
        }

        return json.Append("]}").ToString();
    }

    private static StringBuilder Property(StringBuilder json, string name, string value) =>
        json.Append('"').Append(name).Append("\":").AppendString(value);

    private static StringBuilder Number(StringBuilder json, string name, decimal? value) =>
        json.Append('"').Append(name).Append("\":").Append(value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null");

    private static StringBuilder Number(StringBuilder json, string name, double? value) =>
        json.Append('"').Append(name).Append("\":").Append(value is { } v && !double.IsNaN(v) && !double.IsInfinity(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "null");

    private static StringBuilder Number(StringBuilder json, string name, int value) =>
        json.Append('"').Append(name).Append("\":").Append(value.ToString(CultureInfo.InvariantCulture));
}
