using System.Globalization;
using System.Net;
using System.Text;

namespace CreditOS.Cli.Reports;

/// <summary>
/// A small inline SVG chart over labelled months: bar series and line series on one scale from zero, with the scale's
/// top and the first and last labels written out. No script, no external resource: it prints and mails as it is.
/// </summary>
internal sealed class SvgChart
{
    private const int Width = 720;
    private const int Height = 200;
    private const int Left = 56;
    private const int Bottom = 24;
    private const int Top = 10;

    private readonly IReadOnlyList<string> labels;
    private readonly List<(string Name, string Color, IReadOnlyList<double?> Values, bool Bars)> series = [];

    public SvgChart(IReadOnlyList<string> labels) => this.labels = labels;

    public SvgChart Bars(string name, string color, IReadOnlyList<double?> values)
    {
        series.Add((name, color, values, true));
        return this;
    }

    public SvgChart Line(string name, string color, IReadOnlyList<double?> values)
    {
        series.Add((name, color, values, false));
        return this;
    }

    public string Render(string title, string unit)
    {
        var max = series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        var top = max <= 0 ? 1 : NiceCeiling(max);
        var plotWidth = Width - Left - 10;
        var plotHeight = Height - Bottom - Top;
        var step = labels.Count == 0 ? plotWidth : (double)plotWidth / labels.Count;
        var bars = series.Count(s => s.Bars);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<figure><figcaption>{Encode(title)}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(title)}\">"));
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - 10}\" y2=\"{Top + plotHeight}\" stroke=\"#999\"/>"));
        svg.Append(Invariant($"<text x=\"{Left - 4}\" y=\"{Top + 8}\" text-anchor=\"end\" font-size=\"10\">{Encode(Format(top) + unit)}</text>"));
        svg.Append(Invariant($"<text x=\"{Left - 4}\" y=\"{Top + plotHeight}\" text-anchor=\"end\" font-size=\"10\">0</text>"));
        if (labels.Count > 0)
        {
            svg.Append(Invariant($"<text x=\"{Left}\" y=\"{Height - 6}\" font-size=\"10\">{Encode(labels[0])}</text>"));
            svg.Append(Invariant($"<text x=\"{Width - 10}\" y=\"{Height - 6}\" text-anchor=\"end\" font-size=\"10\">{Encode(labels[^1])}</text>"));
        }

        var barIndex = 0;
        foreach (var (name, color, values, isBars) in series)
        {
            if (isBars)
            {
                var barWidth = Math.Max(1, (step * 0.8) / bars);
                for (var i = 0; i < values.Count && i < labels.Count; i++)
                {
                    if (values[i] is not { } value)
                    {
                        continue;
                    }

                    var h = plotHeight * Math.Max(0, value) / top;
                    var x = Left + (i * step) + (step * 0.1) + (barIndex * barWidth);
                    svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{Top + plotHeight - h:0.#}\" width=\"{barWidth:0.#}\" height=\"{h:0.#}\" fill=\"{color}\"><title>{Encode(labels[i] + " " + name + ": " + Format(value) + unit)}</title></rect>"));
                }

                barIndex++;
            }
            else
            {
                var points = new StringBuilder();
                var dots = new StringBuilder();
                for (var i = 0; i < values.Count && i < labels.Count; i++)
                {
                    if (values[i] is { } value)
                    {
                        var x = Left + (i * step) + (step / 2);
                        var y = Top + plotHeight - (plotHeight * Math.Max(0, value) / top);
                        points.Append(Invariant($"{x:0.#},{y:0.#} "));
                        dots.Append(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"2.5\" fill=\"{color}\"><title>{Encode(labels[i] + " " + name + ": " + Format(value))}</title></circle>"));
                    }
                }

                svg.Append(dots);

                svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{points.ToString().TrimEnd()}\"><title>{Encode(name)}</title></polyline>"));
            }
        }

        svg.Append("</svg><p class=\"legend\">");
        foreach (var (name, color, _, isBars) in series)
        {
            svg.Append(Invariant($"<span style=\"color:{color}\">{(isBars ? "&#9632;" : "&#8212;")}</span> {Encode(name)} "));
        }

        svg.Append("</p></figure>");
        return svg.ToString();
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (factor * magnitude >= value)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Format(double value) => value.ToString(value >= 100 ? "#,##0" : "0.#", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
