using System.Globalization;
using System.Net;
using System.Text;
using CreditOS.CreditEngine.Portfolio;

namespace CreditOS.Cli.Demo.Reporting;

/// <summary>
/// The credit manager's picture of the demo portfolio as one self-contained HTML page, the same picture as the
/// "Credit management" dashboard: KPI tiles, utilization distribution, utilization and rejection rate per segment,
/// tier mix, aging and Finance's queue by age, as inline SVG. No script, stylesheet or font from anywhere else.
/// </summary>
internal static class DemoHtmlReport
{
    private const int ChartWidth = 560;
    private const int BarHeight = 18;
    private const string Blue = "#0078d4";
    private const string Red = "#d13438";
    private const string Amber = "#c19c00";
    private const string Green = "#107c10";

    public static string Render(DateTime today, PortfolioKpis kpis, IReadOnlyList<AccountSnapshot> accounts, ApprovalQueueKpis approvals)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(approvals);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>creditOS: credit management</title><style>")
            .Append("body{font-family:'Segoe UI',system-ui,sans-serif;margin:24px;color:#242424;background:#faf9f8}h1{font-size:22px}h2{font-size:15px;margin:0 0 8px}")
            .Append(".tiles{display:flex;flex-wrap:wrap;gap:10px}.tile{background:#fff;border:1px solid #e1dfdd;border-radius:4px;padding:10px 14px;min-width:150px}")
            .Append(".tile b{display:block;font-size:22px}.tile span{color:#605e5c;font-size:12px}.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:12px;margin-top:12px}")
            .Append(".card{background:#fff;border:1px solid #e1dfdd;border-radius:4px;padding:12px}svg text{font-size:11px;fill:#323130}.bad{color:#a4262c}.good{color:#107c10}</style></head><body>");
        html.Append("<h1>Credit management — demo portfolio, ").Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</h1>");
        Tiles(html, kpis, approvals);
        html.Append("<div class=\"grid\">");
        Card(html, "Utilization distribution (accounts with a limit)", Bars(
        [
            ("under 50%", kpis.UtilizationBands.Under50, Green),
            ("50-80%", kpis.UtilizationBands.From50To80, Blue),
            ("80-95%", kpis.UtilizationBands.From80To95, Amber),
            ("from 95%", kpis.UtilizationBands.From95, Red),
        ], value => Figures.Count((int)value), "utilization-distribution"));
        Card(html, "Tier mix (customers per credit tier)", Bars(
            [.. accounts.GroupBy(a => a.Tier).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, (double)g.Count(), Blue))],
            value => Figures.Count((int)value), "tier-mix"));
        Card(html, "Utilization per segment (target below 70%)", Bars(
            [.. kpis.SegmentUtilizations.Select(s => (s.Segment, s.UtilizationRate * 100, s.UtilizationRate < PortfolioKpis.UtilizationTarget ? Green : Red))],
            value => value.ToString("0.0", CultureInfo.InvariantCulture) + "%", "segment-utilization", marker: PortfolioKpis.UtilizationTarget * 100));
        Card(html, "Rejection rate per segment", kpis.RejectionRates.Count == 0 ? "<p>No orders were credit-checked.</p>" : Bars(
            [.. kpis.RejectionRates.Select(r => (r.Segment + " (" + Figures.Count(r.OrdersChecked) + " orders)", r.RejectionRate * 100, Red))],
            value => value.ToString("0.0", CultureInfo.InvariantCulture) + "%", "rejection-rate"));
        var aging = kpis.AgingTotals;
        Card(html, "Aging of open receivables (" + Encode(kpis.Currency) + ")", Bars(
        [
            ("current", (double)aging.Current, Green),
            ("1-30 days", (double)aging.Days1To30, Amber),
            ("31-60 days", (double)aging.Days31To60, Amber),
            ("61-90 days", (double)aging.Days61To90, Red),
            ("over 90 days", (double)aging.Over90Days, Red),
        ], value => Figures.Money((decimal)value), "aging"));
        Card(html, "Approvals waiting for Finance, by age", Bars(
        [
            ("under 1 day", approvals.WaitingUnder1Day, Green),
            ("1-3 days", approvals.Waiting1To3Days, Amber),
            ("over 3 days", approvals.WaitingOver3Days, Red),
        ], value => Figures.Count((int)value), "approvals-waiting"));
        html.Append("</div><p style=\"color:#605e5c;font-size:12px\">DSO: ").Append(Encode(PortfolioKpis.DsoMethod)).Append(", ")
            .Append(kpis.DsoPeriodDays).Append(" days. Utilization: exposure of accounts with a limit over their total limit. Rejection rate: blocked or suspended over checked orders.</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Tiles(StringBuilder html, PortfolioKpis kpis, ApprovalQueueKpis approvals)
    {
        html.Append("<div class=\"tiles\">");
        Tile(html, "utilization", Figures.Percent(kpis.UtilizationRate), "Utilization (target below " + Figures.Percent(PortfolioKpis.UtilizationTarget) + ")", kpis.UtilizationWithinTarget);
        Tile(html, "dso", Figures.Days(kpis.DaysSalesOutstanding), "DSO (period method)", null);
        Tile(html, "starter", Figures.Percent(kpis.StarterTermsShare), "On starter terms", null);
        Tile(html, "accounts", Figures.Count(kpis.AccountCount), "Customers", null);
        Tile(html, "limit", Figures.Money(kpis.Currency, kpis.TotalLimit), "Total limit", null);
        Tile(html, "exposure", Figures.Money(kpis.Currency, kpis.TotalExposure), "Total exposure", null);
        Tile(html, "queue", Figures.Count(approvals.Waiting), "Approvals waiting", null);
        Tile(html, "turnaround", approvals.AverageTurnaroundHours is { } hours ? hours.ToString("0.0", CultureInfo.InvariantCulture) + " h" : "n/a", "Approval turnaround", null);
        html.Append("</div>");
    }

    private static void Tile(StringBuilder html, string id, string value, string label, bool? good)
    {
        html.Append("<div class=\"tile\" id=\"kpi-").Append(id).Append("\"><b").Append(good is null ? string.Empty : good.Value ? " class=\"good\"" : " class=\"bad\"").Append('>')
            .Append(Encode(value)).Append("</b><span>").Append(Encode(label)).Append("</span></div>");
    }

    private static void Card(StringBuilder html, string title, string body) =>
        html.Append("<section class=\"card\"><h2>").Append(Encode(title)).Append("</h2>").Append(body).Append("</section>");

    /// <summary>A horizontal bar chart; <paramref name="marker"/> draws a target line at that value.</summary>
    private static string Bars(IReadOnlyList<(string Label, double Value, string Colour)> bars, Func<double, string> format, string id, double? marker = null)
    {
        const int labelWidth = 170;
        const int valueWidth = 110;
        var plot = ChartWidth - labelWidth - valueWidth;
        var top = Math.Max(marker ?? 0, bars.Select(b => b.Value).DefaultIfEmpty(0).Max());
        top = top <= 0 ? 1 : top * 1.05;
        var height = (bars.Count * (BarHeight + 6)) + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" width=\"{ChartWidth}\" height=\"{height}\" role=\"img\" aria-label=\"{Encode(id)}\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, colour) = bars[i];
            var y = 4 + (i * (BarHeight + 6));
            var width = Math.Max(0, value / top * plot);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 13}\">{Encode(label)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{width:0.#}\" height=\"{BarHeight}\" fill=\"{colour}\" data-value=\"{value.ToString("0.####", CultureInfo.InvariantCulture)}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 4:0.#}\" y=\"{y + 13}\">{Encode(format(value))}</text>");
        }

        if (marker is { } target)
        {
            var x = labelWidth + (target / top * plot);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"0\" y2=\"{height}\" stroke=\"#323130\" stroke-dasharray=\"4 3\"/>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
