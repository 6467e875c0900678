extern alias plugins;

using System.Globalization;
using System.Net;
using System.Text;
using MoneyText = plugins::CreditOS.CreditEngine.MoneyText;
using PaymentHistoryReport = plugins::CreditOS.CreditEngine.Reports.PaymentHistoryReport;

namespace CreditOS.Cli.Reports;

/// <summary>
/// The historical payment report as one self-contained, printable HTML page: the period's figures, inline SVG charts
/// (days to pay against terms, days beyond terms, balance against the limit, scores) and the month-by-month table.
/// No script, stylesheet, font or image is fetched from anywhere. The report is the plugin assembly's engine types
/// (the plugins compile the engine by source), as <c>PaymentHistoryRecords</c> and the builder there produce it.
/// </summary>
internal static class PaymentHistoryHtml
{
    public static string Render(PaymentHistoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = report.Months.Select(m => m.Label).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Payment history: ").Append(Encode(report.CustomerName)).Append("</title>");
        html.Append("<style>body{font-family:Segoe UI,Arial,sans-serif;margin:24px;color:#222}h1{font-size:20px}table{border-collapse:collapse;font-size:12px}")
            .Append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
            .Append("figure{margin:12px 0;page-break-inside:avoid}figcaption{font-weight:600;font-size:13px}svg{width:100%;max-width:720px;height:auto}.legend{font-size:11px;margin:2px 0}")
            .Append("@media print{body{margin:8mm}}</style></head><body>");
        html.Append("<h1>Historical payment report: ").Append(Encode(report.CustomerName)).Append("</h1>");
        html.Append("<p>").Append(report.Months.Count.ToString(CultureInfo.InvariantCulture)).Append(" months to ").Append(report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(", amounts in ").Append(Encode(report.Currency)).Append(". For Finance when negotiating terms.</p>");

        html.Append("<table id=\"summary\">");
        Row(html, "Invoices issued", report.InvoicesIssued.ToString(CultureInfo.InvariantCulture) + " (" + report.Money(report.AmountInvoiced) + ")");
        Row(html, "Payments received", report.Money(report.AmountPaid));
        Row(html, "Invoices settled", report.InvoicesSettled.ToString(CultureInfo.InvariantCulture));
        Row(html, "Paid on time", report.OnTimeShare is { } onTime ? MoneyText.Percent(onTime) : "no settlements");
        Row(html, "Average days to pay", Days(report.AverageDaysToPay));
        Row(html, "Average days beyond terms", Days(report.AverageDaysBeyondTerms));
        Row(html, "Days-beyond-terms trend", report.TrendText);
        Row(html, "Disputed invoices", report.DisputedInvoices.ToString(CultureInfo.InvariantCulture));
        Row(html, "Open now / past due now", report.Money(report.OpenNow) + " / " + report.Money(report.OverdueNow));
        Row(html, "Early-payment discounts taken", report.Money(report.DiscountsTaken));
        Row(html, "Early-payment discounts missed", report.DiscountsMissed.ToString(CultureInfo.InvariantCulture) + " invoice(s), " + report.Money(report.DiscountsMissedAmount));
        html.Append("</table>");

        html.Append(new SvgChart(labels)
            .Bars("average days to pay", "#4472c4", report.Months.Select(m => m.AverageDaysToPay).ToList())
            .Line("terms (days)", "#222", report.Months.Select(m => m.AverageTermsDays).ToList())
            .Render("Days to pay against terms, by month of settlement", " d"));
        html.Append(new SvgChart(labels)
            .Bars("days beyond terms", "#c0504d", report.Months.Select(m => m.AverageDaysBeyondTerms).ToList())
            .Line("paid on time (%)", "#70ad47", report.Months.Select(m => m.OnTimeShare * 100).ToList())
            .Render("Days beyond terms and on-time share", string.Empty));
        html.Append(new SvgChart(labels)
            .Bars("open at month end", "#a5a5a5", report.Months.Select(m => (double?)(double)m.OpenAtMonthEnd).ToList())
            .Line("credit limit", "#ed7d31", report.Months.Select(m => m.CreditLimit is { } limit ? (double?)(double)limit : null).ToList())
            .Render("Balance against the credit limit (" + report.Currency + ")", string.Empty));
        html.Append(new SvgChart(labels)
            .Line("risk score", "#c0504d", report.Months.Select(m => m.RiskScore).ToList())
            .Line("value score", "#4472c4", report.Months.Select(m => m.ValueScore).ToList())
            .Render("Score history (as set at each month's end)", string.Empty));

        html.Append("<table id=\"months\"><tr><th>Month</th><th>Invoiced</th><th>Amount</th><th>Paid</th><th>Settled</th><th>Days to pay</th><th>Terms</th>")
            .Append("<th>Beyond terms</th><th>On time</th><th>Disputes</th><th>Open at end</th><th>Limit</th><th>Utilization</th><th>Risk</th><th>Value</th><th>Discounts taken</th><th>Discounts missed</th></tr>");
        foreach (var m in report.Months)
        {
            html.Append("<tr><td>").Append(m.Label).Append("</td><td>").Append(m.InvoicesIssued.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Amount(m.AmountInvoiced)).Append("</td><td>").Append(Amount(m.AmountPaid))
                .Append("</td><td>").Append(m.InvoicesSettled.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Days(m.AverageDaysToPay)).Append("</td><td>").Append(Days(m.AverageTermsDays))
                .Append("</td><td>").Append(Days(m.AverageDaysBeyondTerms)).Append("</td><td>").Append(m.OnTimeShare is { } share ? MoneyText.Percent(share) : "–")
                .Append("</td><td>").Append(m.DisputedInvoices.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Amount(m.OpenAtMonthEnd))
                .Append("</td><td>").Append(m.CreditLimit is { } limit ? Amount(limit) : "–").Append("</td><td>").Append(m.Utilization is { } u ? MoneyText.Percent(u) : "–")
                .Append("</td><td>").Append(Score(m.RiskScore)).Append("</td><td>").Append(Score(m.ValueScore))
                .Append("</td><td>").Append(Amount(m.DiscountsTaken))
                .Append("</td><td>").Append(m.DiscountsMissed == 0 ? "–" : m.DiscountsMissed.ToString(CultureInfo.InvariantCulture) + " (" + Amount(m.DiscountsMissedAmount) + ")").Append("</td></tr>");
        }

        html.Append("</table></body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th>").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");

    private static string Days(double? days) => days is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Score(double? score) => score is { } s ? s.ToString("0", CultureInfo.InvariantCulture) : "–";

    private static string Amount(decimal amount) => amount.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
