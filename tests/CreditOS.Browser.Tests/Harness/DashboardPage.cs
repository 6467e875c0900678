using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using CreditOS.Solution.Metadata;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CreditOS.Browser.Tests.Harness;

/// <summary>
/// A solution dashboard as the app draws it: every chart control of its FormXml runs its system chart's aggregate
/// FetchXML (savedqueryvisualization datadescription), narrowed by the control's view's filter, as the signed-in person
/// through the local Dataverse (roles and field security apply), and is drawn as SVG with its name, categories, one
/// series per measure and a table of the figures (data-category / data-measure / data-value for the tests).
/// Chart types drawn: Column, StackedColumn, Line and Pie (what the solution's charts use); anything else throws. A web
/// resource control is framed in place (its page reads through parent.Xrm, the shell's Xrm stand-in, as the person).
/// </summary>
internal static class DashboardPage
{
    private const int Width = 560;
    private const int Height = 260;
    private const int Margin = 48;
    private static readonly string[] Palette = ["#0078d4", "#d13438", "#c19c00", "#107c10", "#8764b8"];

    /// <summary>The class id of the web resource control on forms and dashboards.</summary>
    public const string WebResourceControlClassId = "{9FDF5F91-88B1-47f4-AD53-C11EFC01A01D}";

    /// <param name="appShell">What the app shell puts in the page's head for its web resources (the Xrm stand-in, parent.Xrm for them).</param>
    public static string Render(string solutionRoot, MetadataCatalog catalog, IOrganizationService caller, Guid dashboardId, string appShell)
    {
        var file = Path.Combine(solutionRoot, "src", "Dashboards", "{" + dashboardId.ToString("D") + "}.xml");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"The solution has no dashboard {dashboardId:D}.");
        }

        var dashboard = XDocument.Load(file).Root!;
        var title = dashboard.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value;
        var charts = new StringBuilder();
        foreach (var control in dashboard.Descendants("control"))
        {
            var parameters = control.Element("parameters");
            if (string.Equals((string?)control.Attribute("classid"), WebResourceControlClassId, StringComparison.OrdinalIgnoreCase))
            {
                // A web resource on the dashboard: framed as the app frames it, parent.Xrm from the shell.
                var name = parameters!.Element("Url")!.Value;
                charts.Append($"<section data-webresource=\"{WebUtility.HtmlEncode(name)}\"><iframe id=\"{WebUtility.HtmlEncode((string?)control.Attribute("id"))}\" title=\"{WebUtility.HtmlEncode(name)}\" src=\"/WebResources/{WebUtility.HtmlEncode(name)}\"></iframe></section>\n");
                continue;
            }

            if (parameters?.Element("VisualizationId") is null)
            {
                continue;
            }

            var table = parameters.Element("TargetEntityType")!.Value;
            var chart = ChartFile(solutionRoot, table, parameters.Element("VisualizationId")!.Value);
            var view = ViewFile(solutionRoot, table, parameters.Element("ViewId")!.Value);
            charts.Append(RenderChart(catalog, caller, table, chart, view));
        }

        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{WebUtility.HtmlEncode(title)}} (creditOS browser host)</title>
            <style>
            body{font-family:"Segoe UI",sans-serif;margin:0;background:#faf9f8;color:#323130}
            header{background:#0078d4;color:#fff;padding:10px 16px;font-size:18px}
            main{display:grid;grid-template-columns:repeat(2,1fr);gap:12px;padding:12px}
            section{background:#fff;border:1px solid #e1dfdd;border-radius:4px;padding:8px 12px}
            h2{font-size:14px;margin:2px 0 6px}
            .legend span{display:inline-block;margin-right:10px;font-size:11px}
            .legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
            table{display:none}
            .empty{color:#605e5c;font-size:12px}
            section[data-webresource] iframe{width:100%;height:330px;border:0}
            </style>
            {{appShell}}
            </head>
            <body data-state="ready">
            <header>{{WebUtility.HtmlEncode(title)}}</header>
            <main id="dashboard">
            {{charts}}
            </main>
            </body>
            </html>
            """;
    }

    private static string RenderChart(MetadataCatalog catalog, IOrganizationService caller, string table, XElement chart, XElement? view)
    {
        var name = chart.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value;
        var data = XElement.Parse(chart.Element("datadescription")!.Value);
        var presentation = XElement.Parse(chart.Element("presentationdescription")!.Value);
        var fetch = data.Descendants("fetch").Single();
        var category = data.Descendants("category").Single().Attribute("alias")!.Value;
        var measures = data.Descendants("measure").Select(m => m.Attribute("alias")!.Value).ToList();
        var chartType = presentation.Descendants("Series").Where(s => s.Attribute("ChartType") is not null).Select(s => s.Attribute("ChartType")!.Value).FirstOrDefault()
            ?? throw new InvalidOperationException($"Chart '{name}' draws no series.");

        // The chart shows the records of its view: the view's filters narrow the aggregate.
        var entity = fetch.Element("entity")!;
        foreach (var filter in view?.Descendants("fetch").Single().Element("entity")!.Elements("filter") ?? [])
        {
            entity.Add(new XElement(filter));
        }

        var categoryAttribute = entity.Elements("attribute").Single(a => (string?)a.Attribute("alias") == category);
        var categoryColumn = catalog.FindTable(table)?.FindColumn(categoryAttribute.Attribute("name")!.Value);
        var rows = caller.RetrieveMultiple(new FetchExpression(fetch.ToString(SaveOptions.DisableFormatting))).Entities
            .Select(row => (Category: CategoryKey(row, category, categoryColumn), Values: measures.Select(m => Measure(row, m)).ToArray()))
            .OrderBy(row => row.Category.Sort, StringComparer.Ordinal)
            .ToList();

        var labels = measures.Select(m => MeasureLabel(catalog, table, entity, m)).ToList();
        var svg = rows.Count == 0
            ? "<p class=\"empty\">No data.</p>"
            : chartType switch
            {
                "Pie" => Pie(rows.Select(r => (r.Category.Label, r.Values[0])).ToList()),
                "Column" or "StackedColumn" or "Line" => Columns(rows.Select(r => (r.Category.Label, r.Values)).ToList(), measures.Count, chartType),
                _ => throw new InvalidOperationException($"Chart '{name}' is a {chartType} chart, which the browser host does not draw."),
            };
        var legend = chartType == "Pie"
            ? string.Concat(rows.Select((r, i) => Swatch(i, r.Category.Label)))
            : string.Concat(labels.Select((label, i) => Swatch(i, label)));
        var figures = string.Concat(rows.SelectMany(r => measures.Select((m, i) =>
            $"<tr data-category=\"{WebUtility.HtmlEncode(r.Category.Label)}\" data-measure=\"{m}\" data-value=\"{r.Values[i].ToString(CultureInfo.InvariantCulture)}\"><td>{WebUtility.HtmlEncode(r.Category.Label)}</td><td>{m}</td><td>{r.Values[i].ToString(CultureInfo.InvariantCulture)}</td></tr>")));
        return $"<section data-chart=\"{WebUtility.HtmlEncode(name)}\" data-table=\"{table}\"><h2>{WebUtility.HtmlEncode(name)}</h2>{svg}<div class=\"legend\">{legend}</div><table>{figures}</table></section>\n";
    }

    private static string Columns(List<(string Label, decimal[] Values)> rows, int series, string chartType)
    {
        var stacked = chartType == "StackedColumn";
        var max = rows.Max(r => stacked ? r.Values.Where(v => v > 0).Sum() : r.Values.DefaultIfEmpty(0m).Max());
        max = max <= 0 ? 1 : max;
        var plotWidth = Width - Margin - 8;
        var plotHeight = Height - Margin;
        var slot = (double)plotWidth / rows.Count;
        var svg = new StringBuilder($"<svg width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">");
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = 8 + plotHeight - (plotHeight * tick / 4.0);
            svg.Append(Invariant($"<line x1=\"{Margin}\" x2=\"{Width - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#edebe9\"/><text x=\"{Margin - 4}\" y=\"{y + 4:0.#}\" font-size=\"10\" text-anchor=\"end\">{Short(max * tick / 4)}</text>"));
        }

        var points = new List<string>[series];
        for (var s = 0; s < series; s++)
        {
            points[s] = [];
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var x = Margin + (slot * i);
            var baseline = 8.0 + plotHeight;
            for (var s = 0; s < series; s++)
            {
                var value = Math.Max(0m, rows[i].Values[s]);
                var h = (double)(value / max) * plotHeight;
                if (chartType == "Line")
                {
                    // A marker on every point, so a history of one day still shows its value.
                    points[s].Add(Invariant($"{x + (slot / 2):0.#},{8 + plotHeight - h:0.#}"));
                    svg.Append(Invariant($"<circle cx=\"{x + (slot / 2):0.#}\" cy=\"{8 + plotHeight - h:0.#}\" r=\"4\" fill=\"{Palette[s % Palette.Length]}\"/>"));
                }
                else if (stacked)
                {
                    svg.Append(Invariant($"<rect x=\"{x + (slot * 0.15):0.#}\" y=\"{baseline - h:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{h:0.#}\" fill=\"{Palette[s % Palette.Length]}\"/>"));
                    baseline -= h;
                }
                else
                {
                    var w = slot * 0.8 / series;
                    svg.Append(Invariant($"<rect x=\"{x + (slot * 0.1) + (w * s):0.#}\" y=\"{8 + plotHeight - h:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" fill=\"{Palette[s % Palette.Length]}\"/>"));
                }
            }

            if (rows.Count <= 12 || i % (rows.Count / 12 + 1) == 0)
            {
                svg.Append(Invariant($"<text x=\"{x + (slot / 2):0.#}\" y=\"{Height - 24}\" font-size=\"10\" text-anchor=\"middle\">{WebUtility.HtmlEncode(rows[i].Label)}</text>"));
            }
        }

        if (chartType == "Line")
        {
            for (var s = 0; s < series; s++)
            {
                svg.Append($"<polyline fill=\"none\" stroke=\"{Palette[s % Palette.Length]}\" stroke-width=\"2\" points=\"{string.Join(' ', points[s])}\"/>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Pie(List<(string Label, decimal Value)> slices)
    {
        var total = slices.Sum(s => Math.Max(0m, s.Value));
        var svg = new StringBuilder($"<svg width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">");
        if (total <= 0)
        {
            return svg.Append("</svg>").ToString();
        }

        double cx = Width / 2.0, cy = Height / 2.0, r = (Height / 2.0) - 12, angle = -Math.PI / 2;
        for (var i = 0; i < slices.Count; i++)
        {
            var share = (double)(Math.Max(0m, slices[i].Value) / total);
            var next = angle + (share * 2 * Math.PI);
            var large = share > 0.5 ? 1 : 0;
            svg.Append(share >= 0.9999
                ? Invariant($"<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"{Palette[i % Palette.Length]}\"/>")
                : Invariant($"<path d=\"M{cx},{cy} L{cx + (r * Math.Cos(angle)):0.##},{cy + (r * Math.Sin(angle)):0.##} A{r},{r} 0 {large} 1 {cx + (r * Math.Cos(next)):0.##},{cy + (r * Math.Sin(next)):0.##} Z\" fill=\"{Palette[i % Palette.Length]}\"/>"));
            var mid = (angle + next) / 2;
            svg.Append(Invariant($"<text x=\"{cx + (r * 0.65 * Math.Cos(mid)):0.#}\" y=\"{cy + (r * 0.65 * Math.Sin(mid)):0.#}\" font-size=\"11\" fill=\"#fff\" text-anchor=\"middle\">{slices[i].Value:0.##}</text>"));
            angle = next;
        }

        return svg.Append("</svg>").ToString();
    }

    private static (string Label, string Sort) CategoryKey(Entity row, string alias, ColumnDefinition? column)
    {
        var value = row.Attributes.TryGetValue(alias, out var raw) ? raw is AliasedValue aliased ? aliased.Value : raw : null;
        return value switch
        {
            null => ("(none)", "~"),
            OptionSetValue option => (column?.Options.FirstOrDefault(o => o.Value == option.Value)?.Label ?? option.Value.ToString(CultureInfo.InvariantCulture), option.Value.ToString("D10", CultureInfo.InvariantCulture)),
            EntityReference reference => (reference.Name ?? reference.Id.ToString("D"), reference.Name ?? reference.Id.ToString("D")),
            DateTime day => (day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            // Date grouping by day answers day, month and year numbers; the fetch's own date order is kept as text.
            int number => (number.ToString(CultureInfo.InvariantCulture), number.ToString("D10", CultureInfo.InvariantCulture)),
            _ => (Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
        };
    }

    private static decimal Measure(Entity row, string alias)
    {
        var value = row.Attributes.TryGetValue(alias, out var raw) ? raw is AliasedValue aliased ? aliased.Value : raw : null;
        return value switch
        {
            null => 0m,
            Money money => money.Value,
            decimal number => number,
            int number => number,
            long number => number,
            double number => (decimal)number,
            _ => throw new InvalidOperationException($"A chart measure '{alias}' came back as {value.GetType().Name}."),
        };
    }

    private static string MeasureLabel(MetadataCatalog catalog, string table, XElement entity, string alias)
    {
        var column = entity.Elements("attribute").Single(a => (string?)a.Attribute("alias") == alias).Attribute("name")!.Value;
        return catalog.FindTable(table)?.FindColumn(column)?.DisplayName ?? column;
    }

    private static XElement ChartFile(string solutionRoot, string table, string id) =>
        XDocument.Load(Path.Combine(solutionRoot, "src", "Entities", table, "Visualizations", id + ".xml")).Root!;

    private static XElement? ViewFile(string solutionRoot, string table, string id)
    {
        var file = Path.Combine(solutionRoot, "src", "Entities", table, "SavedQueries", id + ".xml");
        return File.Exists(file) ? XDocument.Load(file).Root!.Element("savedquery")!.Element("fetchxml") : null;
    }

    private static string Swatch(int index, string label) =>
        $"<span><i style=\"background:{Palette[index % Palette.Length]}\"></i>{WebUtility.HtmlEncode(label)}</span>";

    private static string Short(decimal value) =>
        value >= 1_000_000 ? Invariant($"{value / 1_000_000:0.#}M") : value >= 10_000 ? Invariant($"{value / 1_000:0}k") : Invariant($"{value:0.#}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
