using System.Globalization;
using System.Net;
using System.Text;
using CreditOS.CreditEngine.Decisions;
using CreditOS.CreditEngine.Simulation;

namespace CreditOS.Cli.Simulation;

/// <summary>
/// The comparison as one self-contained HTML page: tables and inline SVG charts (order outcomes per segment, portfolio
/// utilization by month), no script, no stylesheet or font from anywhere else, so it opens offline and can be mailed.
/// </summary>
internal static class SimulationHtmlReport
{
    private const string ActiveColour = "#3b6ea5";
    private const string CandidateColour = "#d9822b";
    private const int ChartWidth = 720;
    private const int BarHeight = 14;

    public static string Render(SimulationComparison comparison)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>creditOS simulation</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}.legend{font-size:0.8em;color:#555;margin:0 0 1em}")
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append(".a{color:").Append(ActiveColour).Append("}.c{color:").Append(CandidateColour).Append("}</style></head><body>");
        html.Append("<h1>What-if: <span class=\"a\">").Append(Encode(comparison.Active.ConfigurationName)).Append("</span> against <span class=\"c\">")
            .Append(Encode(comparison.Candidate.ConfigurationName)).Append("</span></h1>");
        html.Append("<p>Replay of the last ").Append(PortfolioSimulator.Months).Append(" months of ").Append(comparison.Customers).Append(" customers (")
            .Append(Encode(comparison.Portfolio)).Append("), as of ").Append(comparison.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(", no look-ahead.</p>");
        Summary(html, comparison);
        html.Append("<h2>Orders per segment</h2>");
        OutcomeChart(html, comparison.Active.BySegment, comparison.Candidate.BySegment);
        GroupTable(html, "Segment", comparison.Active, comparison.Candidate, r => r.BySegment);
        html.Append("<h2>Orders per tier</h2><p>By the tier the customer was in when it ordered; utilization of the month ends the customers were in the tier.</p>");
        GroupTable(html, "Tier", comparison.Active, comparison.Candidate, r => r.ByTier);
        html.Append("<h2>Why orders were not approved at once</h2><p>").Append(Encode(Capitalized(SimulationTextReport.ReasonColumns))).Append(".</p>");
        ReasonChart(html, comparison.Active.Total, comparison.Candidate.Total);
        ReasonTable(html, "Segment", comparison.Active, comparison.Candidate, r => r.BySegment);
        ReasonTable(html, "Tier", comparison.Active, comparison.Candidate, r => r.ByTier);
        html.Append("<h2>Portfolio utilization by month</h2>");
        UtilizationChart(html, comparison.Active.Utilization, comparison.Candidate.Utilization);
        html.Append("<h2>Customers who change tier (").Append(comparison.TierChanges.Count).Append(")</h2><table><tr><th>Customer</th><th>Segment</th><th>Active</th><th>Candidate</th></tr>");
        foreach (var change in comparison.TierChanges)
        {
            html.Append("<tr><td>").Append(Encode(change.CustomerId)).Append("</td><td>").Append(Encode(change.Segment)).Append("</td><td>")
                .Append(Encode(change.ActiveTier)).Append("</td><td>").Append(Encode(change.CandidateTier)).Append("</td></tr>");
        }

        html.Append("</table></body></html>");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, SimulationComparison comparison)
    {
        var a = comparison.Active;
        var c = comparison.Candidate;
        html.Append("<table><tr><th></th><th class=\"a\">active</th><th class=\"c\">candidate</th></tr>");
        SummaryRow(html, "Orders approved / held / refused", Outcomes(a.Total), Outcomes(c.Total));
        SummaryRow(html, "Orders awaiting prepayment", a.Total.AwaitingPrepayment.ToString(CultureInfo.InvariantCulture), c.Total.AwaitingPrepayment.ToString(CultureInfo.InvariantCulture));
        SummaryRow(html, "Finance approvals per day", SimulationTextReport.Number(a.FinanceApprovalsPerDay), SimulationTextReport.Number(c.FinanceApprovalsPerDay));
        SummaryRow(html, "Average utilization", SimulationTextReport.Percent(a.AverageUtilization), SimulationTextReport.Percent(c.AverageUtilization));
        SummaryRow(html, "Peak utilization", SimulationTextReport.Percent(a.PeakUtilization), SimulationTextReport.Percent(c.PeakUtilization));
        SummaryRow(html, "Late-paid exposure caught", SimulationTextReport.Money(a.Total.LatePaidExposureCaught), SimulationTextReport.Money(c.Total.LatePaidExposureCaught));
        html.Append("</table>");
    }

    private static void SummaryRow(StringBuilder html, string label, string active, string candidate) =>
        html.Append("<tr><td>").Append(Encode(label)).Append("</td><td>").Append(Encode(active)).Append("</td><td>").Append(Encode(candidate)).Append("</td></tr>");

    private static void GroupTable(StringBuilder html, string title, SimulationResult active, SimulationResult candidate, Func<SimulationResult, IReadOnlyDictionary<string, SimulationTally>> groups)
    {
        html.Append("<table><tr><th rowspan=\"2\">").Append(title).Append("</th><th colspan=\"5\" class=\"a\">active</th><th colspan=\"5\" class=\"c\">candidate</th></tr><tr>");
        for (var i = 0; i < 2; i++)
        {
            html.Append("<th>approved / held / refused</th><th>awaiting prepayment</th><th>Finance approvals per day</th><th>average / peak utilization</th><th>late-paid exposure caught</th>");
        }

        html.Append("</tr>");
        foreach (var key in Keys(groups(active), groups(candidate)))
        {
            html.Append("<tr><td>").Append(Encode(key)).Append("</td>");
            foreach (var result in new[] { active, candidate })
            {
                if (groups(result).TryGetValue(key, out var tally))
                {
                    html.Append("<td>").Append(Outcomes(tally)).Append("</td><td>").Append(tally.AwaitingPrepayment.ToString(CultureInfo.InvariantCulture))
                        .Append("</td><td>").Append(SimulationTextReport.Number(tally.HeldPerDay(result.Days)))
                        .Append("</td><td>").Append(Encode(SimulationTextReport.Percent(tally.AverageUtilization) + " / " + SimulationTextReport.Percent(tally.PeakUtilization)))
                        .Append("</td><td>").Append(SimulationTextReport.Money(tally.LatePaidExposureCaught)).Append("</td>");
                }
                else
                {
                    html.Append("<td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>");
                }
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    /// <summary>Per group and reason, the reason's figures under each configuration (the engine's reason codes, in their order).</summary>
    private static void ReasonTable(StringBuilder html, string title, SimulationResult active, SimulationResult candidate, Func<SimulationResult, IReadOnlyDictionary<string, SimulationTally>> groups)
    {
        html.Append("<table class=\"reasons\"><tr><th>").Append(title).Append("</th><th>Reason</th><th class=\"a\">active</th><th class=\"c\">candidate</th></tr>");
        foreach (var key in Keys(groups(active), groups(candidate)))
        {
            var a = groups(active).TryGetValue(key, out var at) ? at : new SimulationTally();
            var c = groups(candidate).TryGetValue(key, out var ct) ? ct : new SimulationTally();
            foreach (var code in SimulationTextReport.ReasonCodes(a, c))
            {
                html.Append("<tr><td>").Append(Encode(key)).Append("</td><td>").Append(Encode(DecisionReasonLabel.Of(code))).Append("</td><td>")
                    .Append(SimulationTextReport.Reason(a, code)).Append("</td><td>").Append(SimulationTextReport.Reason(c, code)).Append("</td></tr>");
            }
        }

        html.Append("</table>");
    }

    /// <summary>One pair of bars per reason (active above, candidate below): the orders the reason stopped, the part it stopped alone solid.</summary>
    private static void ReasonChart(StringBuilder html, SimulationTally active, SimulationTally candidate)
    {
        var codes = SimulationTextReport.ReasonCodes(active, candidate).ToList();
        const int labelWidth = 340;
        var barWidth = ChartWidth - labelWidth - 60;
        var most = Math.Max(1, codes.SelectMany(code => new[] { active, candidate }.Select(t => t.StopReasons.TryGetValue(code, out var n) ? n.Orders : 0)).DefaultIfEmpty(0).Max());
        var height = (codes.Count * ((2 * BarHeight) + 10)) + 10;
        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(ChartWidth).Append("\" height=\"").Append(height)
            .Append("\" role=\"img\" aria-label=\"Orders stopped per reason\">");
        var y = 10;
        foreach (var code in codes)
        {
            html.Append(Invariant($"<text x=\"0\" y=\"{y + BarHeight + 4}\" font-size=\"12\">{Encode(DecisionReasonLabel.Of(code))}</text>"));
            foreach (var (tally, colour) in new[] { (active, ActiveColour), (candidate, CandidateColour) })
            {
                var count = tally.StopReasons.TryGetValue(code, out var n) ? n : null;
                var orders = count?.Orders ?? 0;
                var alone = count?.Alone ?? 0;
                var width = barWidth * orders / (double)most;
                var aloneWidth = barWidth * alone / (double)most;
                html.Append(Invariant($"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{width:0.#}\" height=\"{BarHeight - 2}\" fill=\"{colour}\" fill-opacity=\"0.4\"><title>{orders} stopped</title></rect>"))
                    .Append(Invariant($"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{aloneWidth:0.#}\" height=\"{BarHeight - 2}\" fill=\"{colour}\"><title>{alone} stopped by this reason alone</title></rect>"))
                    .Append(Invariant($"<text x=\"{labelWidth + width + 4:0.#}\" y=\"{y + BarHeight - 3}\" font-size=\"10\">{orders}</text>"));
                y += BarHeight;
            }

            y += 10;
        }

        // The legend is a paragraph, not SVG text: SVG text does not wrap, and at the chart's width the sentence was cut off.
        html.Append("</svg><p class=\"legend\">Bar: orders the reason stopped, solid part: stopped by it alone; top bar active, bottom bar candidate.</p>");
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>One stacked bar per segment and configuration: approved (solid), held (lighter), refused and awaiting prepayment (faint), as shares of the orders.</summary>
    private static void OutcomeChart(StringBuilder html, IReadOnlyDictionary<string, SimulationTally> active, IReadOnlyDictionary<string, SimulationTally> candidate)
    {
        var keys = Keys(active, candidate).ToList();
        const int labelWidth = 160;
        var barWidth = ChartWidth - labelWidth - 10;
        var height = (keys.Count * ((2 * BarHeight) + 10)) + 10;
        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(ChartWidth).Append("\" height=\"").Append(height)
            .Append("\" role=\"img\" aria-label=\"Order outcomes per segment\">");
        var y = 10;
        foreach (var key in keys)
        {
            html.Append(Invariant($"<text x=\"0\" y=\"{y + BarHeight + 4}\" font-size=\"12\">{Encode(key)}</text>"));
            foreach (var (tallies, colour) in new[] { (active, ActiveColour), (candidate, CandidateColour) })
            {
                if (tallies.TryGetValue(key, out var tally) && tally.Orders > 0)
                {
                    var x = (double)labelWidth;
                    foreach (var (count, opacity) in new[] { (tally.Approved, "1"), (tally.Held, "0.5"), (tally.Refused, "0.15"), (tally.AwaitingPrepayment, "0.3") })
                    {
                        var width = barWidth * count / (double)tally.Orders;
                        html.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y}\" width=\"{width:0.#}\" height=\"{BarHeight - 2}\" fill=\"{colour}\" fill-opacity=\"{opacity}\"><title>{count}</title></rect>"));
                        x += width;
                    }
                }

                y += BarHeight;
            }

            y += 10;
        }

        html.Append("</svg><p class=\"legend\">Solid: approved, half: held for Finance, faint: refused, lighter: awaiting prepayment; top bar active, bottom bar candidate.</p>");
    }

    private static void UtilizationChart(StringBuilder html, IReadOnlyList<MonthlyUtilization> active, IReadOnlyList<MonthlyUtilization> candidate)
    {
        const int height = 240;
        const int left = 50;
        const int bottom = 30;
        var top = Math.Max(1.0, active.Concat(candidate).Select(u => u.Utilization).DefaultIfEmpty(0).Max() * 1.1);
        var plotWidth = ChartWidth - left - 10;
        var plotHeight = height - bottom - 10;
        html.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{ChartWidth}\" height=\"{height}\" role=\"img\" aria-label=\"Utilization by month\">"));
        foreach (var mark in new[] { 0.0, 0.4, 0.7, 1.0 }.Where(m => m <= top))
        {
            var y = 10 + (plotHeight * (1 - (mark / top)));
            html.Append(Invariant($"<line x1=\"{left}\" x2=\"{ChartWidth - 10}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/><text x=\"0\" y=\"{y + 4:0.#}\" font-size=\"11\">{mark * 100:0}%</text>"));
        }

        foreach (var (series, colour) in new[] { (active, ActiveColour), (candidate, CandidateColour) })
        {
            if (series.Count == 0)
            {
                continue;
            }

            var step = series.Count > 1 ? plotWidth / (double)(series.Count - 1) : 0;
            var points = string.Join(" ", series.Select((u, i) => Invariant($"{left + (i * step):0.#},{10 + (plotHeight * (1 - (u.Utilization / top))):0.#}")));
            html.Append(Invariant($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{points}\"/>"));
        }

        for (var i = 0; i < active.Count; i++)
        {
            var x = left + (active.Count > 1 ? i * plotWidth / (double)(active.Count - 1) : 0);
            html.Append(Invariant($"<text x=\"{x - 14:0.#}\" y=\"{height - 8}\" font-size=\"10\">{active[i].MonthEnd:yyyy-MM}</text>"));
        }

        html.Append("</svg>");
    }

    private static IEnumerable<string> Keys(IReadOnlyDictionary<string, SimulationTally> active, IReadOnlyDictionary<string, SimulationTally> candidate) =>
        active.Keys.Union(candidate.Keys).OrderBy(k => k, StringComparer.Ordinal);

    private static string Outcomes(SimulationTally tally) =>
        Invariant($"{tally.Approved} / {tally.Held} / {tally.Refused}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
